/* mv: renames files; `mv SRC... DIR` moves them into the directory. Only
 * rename: across file systems (/proc and the disk) it fails with EXDEV and
 * mv says so, as nothing in /proc is worth copying. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "ulib.h"

int rename(const char *from, const char *to);

int main(int argc, char **argv) {
  struct stat st;
  const char *target;
  int into_dir;
  int i;
  int status = 0;
  if (argc < 3) {
    fprintf(stderr, "usage: mv SOURCE DEST | mv SOURCE... DIRECTORY\n");
    return 1;
  }
  target = argv[argc - 1];
  into_dir = stat(target, &st) == 0 && S_ISDIR(st.st_mode);
  if (argc > 3 && !into_dir) {
    fprintf(stderr, "mv: target '%s' is not a directory\n", target);
    return 1;
  }
  for (i = 1; i < argc - 1; i++) {
    char *to;
    if (into_dir) {
      const char *base = strrchr(argv[i], '/');
      base = base ? base + 1 : argv[i];
      to = malloc(strlen(target) + strlen(base) + 2);
      strcpy(to, target);
      strcat(to, "/");
      strcat(to, base);
    } else {
      to = strdup(target);
    }
    if (rename(argv[i], to) < 0) {
      fprintf(stderr, "mv: cannot move '%s' to '%s': ", argv[i], to);
      perror(0);
      status = 1;
    }
    free(to);
  }
  return status;
}
