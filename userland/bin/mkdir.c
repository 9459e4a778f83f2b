/* mkdir: makes directories; -p makes missing parents and accepts existing
 * ones. */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <sys/stat.h>
#include "ulib.h"

static int make_parents(char *path) {
  char *p = path;
  struct stat st;
  while (*p == '/')
    p++;
  for (;;) {
    char *slash = strchr(p, '/');
    if (slash)
      *slash = 0;
    if (mkdir(path, 0777) < 0 && errno != EEXIST) {
      u_perror2("mkdir", path);
      return 1;
    }
    if (stat(path, &st) < 0 || !S_ISDIR(st.st_mode)) {
      errno = ENOTDIR;
      u_perror2("mkdir", path);
      return 1;
    }
    if (!slash)
      return 0;
    *slash = '/';
    p = slash + 1;
    while (*p == '/')
      p++;
    if (!*p)
      return 0;
  }
}

int main(int argc, char **argv) {
  int i = 1;
  int parents = 0;
  int st = 0;
  if (i < argc && strcmp(argv[i], "-p") == 0) {
    parents = 1;
    i++;
  }
  if (i >= argc) {
    fprintf(stderr, "usage: mkdir [-p] DIR...\n");
    return 1;
  }
  for (; i < argc; i++) {
    if (parents) {
      st |= make_parents(argv[i]);
    } else if (mkdir(argv[i], 0777) < 0) {
      u_perror2("mkdir", argv[i]);
      st = 1;
    }
  }
  return st;
}
