/* mv: renames files; `mv SRC... DIR` moves them into the directory. Only
 * rename: across file systems (/proc and the disk) it fails with EXDEV and
 * mv says so, as nothing in /proc is worth copying.
 *   -v  say "renamed 'SRC' -> 'DST'";  -i  ask before replacing a file;
 *   -n  never replace one;  -f  replace without asking (the default) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "ulib.h"

int rename(const char *from, const char *to);

static int verbose, interactive, no_clobber;


int main(int argc, char **argv) {
  struct stat st;
  const char *target;
  int into_dir;
  int i = 1;
  int status = 0;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    const char *o = argv[i] + 1;
    if (strcmp(argv[i], "--") == 0) {
      i++;
      break;
    }
    for (; *o; o++) {
      if (*o == 'v')
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
        fprintf(stderr, "mv: invalid option -- '%c'\nusage: mv [-finv] SOURCE DEST | mv [-finv] SOURCE... DIRECTORY\n", *o);
        return 1;
      }
    }
  }
  /* the operands from here on */
  argv += i - 1;
  argc -= i - 1;
  if (argc < 3) {
    fprintf(stderr, "usage: mv [-finv] SOURCE DEST | mv [-finv] SOURCE... DIRECTORY\n");
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
    if (!u_may_overwrite("mv", to, interactive, no_clobber)) {
      free(to);
      continue;
    }
    if (rename(argv[i], to) < 0) {
      fprintf(stderr, "mv: cannot move '%s' to '%s': ", argv[i], to);
      perror(0);
      status = 1;
    } else if (verbose) {
      printf("renamed '%s' -> '%s'\n", argv[i], to);
    }
    free(to);
  }
  return status;
}
