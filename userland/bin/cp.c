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
static int recursive, preserve, verbose;
static struct u_overwrite overwrite;


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
  if (!u_may_overwrite("cp", to, &overwrite))
    return 0;
  if (copy_file(from, to, st.st_mode) != 0)
    return 1;
  if (verbose)
    printf("'%s' -> '%s'\n", from, to);
  if (preserve)
    keep_attributes(to, &st);
  return 0;
}

#define USAGE "usage: cp [-rRpavinf] SOURCE DEST | cp [-rRpavinf] SOURCE... DIRECTORY\n"

int main(int argc, char **argv) {
  int c;
  while ((c = getopt(argc, argv, "rRpavinf")) != -1) {
    if (c == 'r' || c == 'R')
      recursive = 1;
    else if (c == 'p')
      preserve = 1;
    else if (c == 'a')
      recursive = preserve = 1;
    else if (c == 'v')
      verbose = 1;
    else if (!u_overwrite_option(&overwrite, c)) {
      fprintf(stderr, USAGE);   /* after getopt's message */
      return 1;
    }
  }
  return u_each_source("cp", USAGE, argc, argv, optind, copy_path);
}
