/* mv: renames files; `mv SRC... DIR` moves them into the directory. Only
 * rename: across file systems (/proc and the disk) it fails with EXDEV and
 * mv says so, as nothing in /proc is worth copying.
 *   -v  say "renamed 'SRC' -> 'DST'";  -i  ask before replacing a file;
 *   -n  never replace one;  -f  replace without asking (the default) */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "ulib.h"

#define USAGE "usage: mv [-finv] SOURCE DEST | mv [-finv] SOURCE... DIRECTORY\n"

int rename(const char *from, const char *to);

int main(int argc, char **argv) {
  struct u_overwrite overwrite = {0, 0};
  int verbose = 0;
  const char *target;
  int into_dir;
  int i, c;
  int status = 0;
  while ((c = getopt(argc, argv, "finv")) != -1) {
    if (c == 'v')
      verbose = 1;
    else if (!u_overwrite_option(&overwrite, c)) {
      fprintf(stderr, USAGE);   /* after getopt's message */
      return 1;
    }
  }
  if (argc - optind < 2) {
    fprintf(stderr, USAGE);
    return 1;
  }
  target = argv[argc - 1];
  into_dir = u_target_is_dir("mv", target, argc - optind - 1);
  if (into_dir < 0)
    return 1;
  for (i = optind; i < argc - 1; i++) {
    char *to = u_dest_path(argv[i], target, into_dir);
    if (!to) {
      fprintf(stderr, "mv: out of memory\n");
      return 1;
    }
    if (!u_may_overwrite("mv", to, &overwrite)) {
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
