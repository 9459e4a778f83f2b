/* rev: each line of the files (or stdin) with its characters (bytes)
 * reversed; the newline stays at the end. */
#include <stdio.h>
#include <string.h>
#include "ulib.h"

static char line[8192];

static int rev_file(FILE *f) {
  while (fgets(line, sizeof line, f)) {
    int len = strlen(line);
    int nl = len > 0 && line[len - 1] == '\n';
    int k;
    if (nl)
      len--;
    for (k = len - 1; k >= 0; k--)
      putchar(line[k]);
    if (nl)
      putchar('\n');
  }
  return 0;
}

int main(int argc, char **argv) {
  int i;
  int st = 0;
  if (argc < 2)
    return rev_file(stdin);
  for (i = 1; i < argc; i++) {
    FILE *f = strcmp(argv[i], "-") == 0 ? stdin : fopen(argv[i], "r");
    if (!f) {
      fprintf(stderr, "rev: cannot open %s: ", argv[i]);
      perror(0);
      st = 1;
      continue;
    }
    rev_file(f);
    if (f != stdin)
      fclose(f);
  }
  return st;
}
