/* rmdir: removes empty directories.
 *   -p  then each parent named in the path too (rmdir -p a/b/c removes
 *       a/b/c, a/b and a), stopping at the first that cannot go */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "ulib.h"

static int remove_dir(const char *path) {
  if (rmdir(path) < 0) {
    u_perror2("rmdir", path);
    return 1;
  }
  return 0;
}

int main(int argc, char **argv) {
  int i = 1;
  int st = 0;
  int parents = 0;
  if (i < argc && strcmp(argv[i], "-p") == 0) {
    parents = 1;
    i++;
  }
  if (i >= argc) {
    fprintf(stderr, "rmdir: missing operand\nusage: rmdir [-p] DIR...\n");
    return 1;
  }
  for (; i < argc; i++) {
    char path[1024];
    char *slash;
    if (remove_dir(argv[i]) != 0) {
      st = 1;
      continue;
    }
    if (!parents)
      continue;
    snprintf(path, sizeof path, "%s", argv[i]);
    for (;;) {
      int end = strlen(path);
      while (end > 1 && path[end - 1] == '/')
        path[--end] = 0;
      slash = strrchr(path, '/');
      if (!slash)
        break;
      while (slash > path && slash[-1] == '/')
        slash--;
      if (slash == path)
        break;   /* the parent is / */
      *slash = 0;
      if (remove_dir(path) != 0) {
        st = 1;
        break;
      }
    }
  }
  return st;
}
