/* cp: copies files. `cp SRC DST` or `cp SRC... DIR` (into the directory,
 * under the same base name). The copy keeps the source's permission bits.
 *   -r, -R  copy directories recursively
 *   -p      also keep owner and group (when root) and the times
 *   -a      -r and -p
 *   -v      say "'SRC' -> 'DST'" for each copy
 *   -i      ask before overwriting (a reply starting with y goes ahead)
 *   -n      never overwrite;  -f  (accepted: an unwritable target is an
 *           error either way) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/stat.h>
#include "ulib.h"

static char buf[8192];
static int recursive, preserve, verbose, interactive, no_clobber;


/* -p: the source's owner, group and times onto the copy */
static void keep_attributes(const char *to, struct stat *st) {
  unsigned int times[4];
  if (getuid() == 0)
    chown(to, st->st_uid, st->st_gid);
  times[0] = st->st_atime;
  times[1] = 0;
  times[2] = st->st_mtime;
  times[3] = 0;
  __sys_utimes(to, times);
  chmod(to, st->st_mode & 07777);
}

static const char *base_name(const char *p) {
  const char *s = strrchr(p, '/');
  while (s && s[1] == 0 && s > p) {
    /* "dir/": look before the trailing slash */
    const char *q = s - 1;
    while (q > p && *q != '/')
      q--;
    return *q == '/' ? q + 1 : q;
  }
  return s ? s + 1 : p;
}

static int copy_file(const char *from, const char *to, int mode) {
  int in = open(from, O_RDONLY, 0);
  int out;
  int n;
  if (in < 0) {
    u_perror2("cp", from);
    return 1;
  }
  out = open(to, O_WRONLY | O_CREAT | O_TRUNC, mode & 07777);
  if (out < 0) {
    u_perror2("cp", to);
    close(in);
    return 1;
  }
  while ((n = read(in, buf, sizeof buf)) > 0) {
    if (write(out, buf, n) != n) {
      u_perror2("cp", to);
      close(in);
      close(out);
      return 1;
    }
  }
  if (n < 0)
    u_perror2("cp", from);
  close(in);
  close(out);
  return n < 0;
}

static int copy_path(const char *from, const char *to);

/* A directory being copied: where from and where to. */
struct copy_dir {
  const char *from, *to;
};

static int copy_entry(const char *name, void *arg) {
  struct copy_dir *c = (struct copy_dir *)arg;
  char *a = u_path_join(c->from, name);
  char *b = u_path_join(c->to, name);
  int bad = a && b ? copy_path(a, b) : 1;
  if (!a || !b)
    fprintf(stderr, "cp: out of memory\n");
  free(a);
  free(b);
  return bad;
}

static int copy_path(const char *from, const char *to) {
  struct stat st;
  if (stat(from, &st) < 0) {
    u_perror2("cp", from);
    return 1;
  }
  if (S_ISDIR(st.st_mode)) {
    struct copy_dir c;
    if (!recursive) {
      fprintf(stderr, "cp: -r not specified; omitting directory '%s'\n", from);
      return 1;
    }
    if (mkdir(to, st.st_mode & 07777) < 0 && errno != EEXIST) {
      u_perror2("cp", to);
      return 1;
    }
    if (verbose)
      printf("'%s' -> '%s'\n", from, to);
    c.from = from;
    c.to = to;
    {
      int bad = u_each_entry("cp", from, copy_entry, &c);
      if (preserve)
        keep_attributes(to, &st);
      return bad;
    }
  }
  if (!u_may_overwrite("cp", to, interactive, no_clobber))
    return 0;
  if (copy_file(from, to, st.st_mode) != 0)
    return 1;
  if (verbose)
    printf("'%s' -> '%s'\n", from, to);
  if (preserve)
    keep_attributes(to, &st);
  return 0;
}

int main(int argc, char **argv) {
  int i = 1;
  int st = 0;
  struct stat dst;
  const char *target;
  int into_dir;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    const char *o = argv[i] + 1;
    if (strcmp(argv[i], "--") == 0) {
      i++;
      break;
    }
    for (; *o; o++) {
      if (*o == 'r' || *o == 'R')
        recursive = 1;
      else if (*o == 'p')
        preserve = 1;
      else if (*o == 'a')
        recursive = preserve = 1;
      else if (*o == 'v')
        verbose = 1;
      else if (*o == 'i') {
        interactive = 1;
        no_clobber = 0;
      } else if (*o == 'n') {
        no_clobber = 1;
        interactive = 0;
      } else if (*o == 'f')
        interactive = no_clobber = 0;
      else {
        fprintf(stderr, "cp: invalid option -- '%c'\n", *o);
        fprintf(stderr, "usage: cp [-rRpavinf] SOURCE DEST | cp [-rRpavinf] SOURCE... DIRECTORY\n");
        return 1;
      }
    }
  }
  if (argc - i < 2) {
    fprintf(stderr, "usage: cp [-rRpavinf] SOURCE DEST | cp [-rRpavinf] SOURCE... DIRECTORY\n");
    return 1;
  }
  target = argv[argc - 1];
  into_dir = stat(target, &dst) == 0 && S_ISDIR(dst.st_mode);
  if (argc - i > 2 && !into_dir) {
    fprintf(stderr, "cp: target '%s' is not a directory\n", target);
    return 1;
  }
  for (; i < argc - 1; i++) {
    if (into_dir) {
      char *p = u_path_join(target, base_name(argv[i]));
      st |= p ? copy_path(argv[i], p) : 1;
      free(p);
    } else {
      st |= copy_path(argv[i], target);
    }
  }
  return st;
}
