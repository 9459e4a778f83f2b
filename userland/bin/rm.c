/* rm: removes files; -r removes directories and what they hold, -f ignores
 * missing files and never complains about them. Symlinks are removed, not
 * followed. */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <errno.h>
#include <unistd.h>
#include <sys/stat.h>
#include "ulib.h"

static int recursive;
static int force;

static int remove_path(const char *path);

static int remove_entry(const char *name, void *dir) {
  char *child = u_path_join((const char *)dir, name);
  int bad;
  if (!child) {
    fprintf(stderr, "rm: out of memory\n");
    return 1;
  }
  bad = remove_path(child);
  free(child);
  return bad;
}

static int remove_path(const char *path) {
  struct stat st;
  if (lstat(path, &st) < 0) {
    if (force && errno == ENOENT)
      return 0;
    u_perror2("rm", path);
    return 1;
  }
  if (S_ISDIR(st.st_mode)) {
    int bad;
    if (!recursive) {
      fprintf(stderr, "rm: %s: Is a directory\n", path);
      return 1;
    }
    bad = u_each_entry("rm", path, remove_entry, (void *)path);
    if (rmdir(path) < 0) {
      u_perror2("rm", path);
      return 1;
    }
    return bad;
  }
  if (unlink(path) < 0) {
    u_perror2("rm", path);
    return 1;
  }
  return 0;
}

int main(int argc, char **argv) {
  int i = 1;
  int st = 0;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    const char *o = argv[i] + 1;
    if (strcmp(argv[i], "--") == 0) {
      i++;
      break;
    }
    for (; *o; o++) {
      if (*o == 'r' || *o == 'R')
        recursive = 1;
      else if (*o == 'f')
        force = 1;
      else {
        fprintf(stderr, "rm: unknown option -%c\nusage: rm [-rf] FILE...\n", *o);
        return 1;
      }
    }
  }
  if (i >= argc && !force) {
    fprintf(stderr, "usage: rm [-rf] FILE...\n");
    return 1;
  }
  for (; i < argc; i++)
    st |= remove_path(argv[i]);
  return st;
}
