/* realpath: prints each path made absolute, with ".", "..", repeated
 * slashes and symbolic links resolved. Every component but the last must
 * exist; with -e the last too, with -m none (links are followed where
 * they exist).
 * Also /bin/readlink's -f (see readlink.c): both call u_canonical_path.
 * Exit status 1 when some path could not be resolved. */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include "ulib.h"

int main(int argc, char **argv) {
  int i = 1;
  int mode = 1;   /* all but the last component must exist */
  int st = 0;
  char out[1024];
  if (i < argc && (strcmp(argv[i], "-m") == 0 || strcmp(argv[i], "-e") == 0)) {
    mode = argv[i][1] == 'm' ? 2 : 0;
    i++;
  }
  if (i >= argc) {
    fprintf(stderr, "realpath: missing operand\n");
    return 1;
  }
  for (; i < argc; i++) {
    if (u_canonical_path(argv[i], mode, out, sizeof out) < 0) {
      u_perror2("realpath", argv[i]);
      st = 1;
      continue;
    }
    printf("%s\n", out);
  }
  return st;
}
