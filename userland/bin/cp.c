/* cp: copies files. `cp SRC DST` or `cp SRC... DIR` (into the directory,
 * under the same base name); -r copies directories recursively. The copy
 * keeps the source's permission bits. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/stat.h>
#include "ulib.h"

static char buf[8192];
static int recursive;

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
    c.from = from;
    c.to = to;
    return u_each_entry("cp", from, copy_entry, &c);
  }
  return copy_file(from, to, st.st_mode);
}

int main(int argc, char **argv) {
  int i = 1;
  int st = 0;
  struct stat dst;
  const char *target;
  int into_dir;
  if (i < argc && (strcmp(argv[i], "-r") == 0 || strcmp(argv[i], "-R") == 0)) {
    recursive = 1;
    i++;
  }
  if (argc - i < 2) {
    fprintf(stderr, "usage: cp [-r] SOURCE DEST | cp [-r] SOURCE... DIRECTORY\n");
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
