/* chmod: sets permission bits, given in octal: `chmod 755 FILE...`. */
#include <stdio.h>
#include <sys/stat.h>
#include "ulib.h"

int main(int argc, char **argv) {
  const char *s;
  unsigned int mode = 0;
  int i;
  int st = 0;
  if (argc < 3) {
    fprintf(stderr, "usage: chmod OCTAL-MODE FILE...\n");
    return 1;
  }
  for (s = argv[1]; *s; s++) {
    if (*s < '0' || *s > '7' || mode > 07777) {
      fprintf(stderr, "chmod: invalid mode: '%s' (use octal, e.g. 755)\n", argv[1]);
      return 1;
    }
    mode = mode * 8 + (*s - '0');
  }
  if (mode > 07777) {
    fprintf(stderr, "chmod: invalid mode: '%s'\n", argv[1]);
    return 1;
  }
  for (i = 2; i < argc; i++) {
    if (chmod(argv[i], mode) < 0) {
      u_perror2("chmod", argv[i]);
      st = 1;
    }
  }
  return st;
}
