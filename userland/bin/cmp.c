/* cmp: compares two files byte by byte (GNU diffutils' messages).
 *   cmp [-l] [-s] FILE1 [FILE2]    (FILE2, or FILE1, may be - for stdin)
 * Prints "F1 F2 differ: char N, line L" at the first difference; -l lists
 * every differing byte ("N O1 O2", octal values, N as wide as the larger
 * size needs); -s prints nothing. A file that ends first gives "cmp: EOF on
 * F after byte N, in line L" on stderr (diffutils 3.8's words).
 * Status 0 same, 1 different, 2 trouble. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "ulib.h"

int main(int argc, char **argv) {
  int opt_l = 0, opt_s = 0;
  int i = 1;
  const char *n1, *n2;
  FILE *f1, *f2;
  long byte = 0;
  long line = 1;
  int differ = 0;
  int width = 1;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    const char *o;
    if (strcmp(argv[i], "--") == 0) {
      i++;
      break;
    }
    for (o = argv[i] + 1; *o; o++) {
      if (*o == 'l')
        opt_l = 1;
      else if (*o == 's')
        opt_s = 1;
      else {
        fprintf(stderr, "cmp: invalid option -- '%c'\nusage: cmp [-ls] FILE1 [FILE2]\n", *o);
        return 2;
      }
    }
  }
  if (i >= argc || argc - i > 2) {
    fprintf(stderr, "cmp: %s operand\nusage: cmp [-ls] FILE1 [FILE2]\n", i >= argc ? "missing" : "extra");
    return 2;
  }
  n1 = argv[i];
  n2 = i + 1 < argc ? argv[i + 1] : "-";
  f1 = strcmp(n1, "-") == 0 ? stdin : fopen(n1, "r");
  if (!f1) {
    if (!opt_s)
      u_perror2("cmp", n1);
    return 2;
  }
  f2 = strcmp(n2, "-") == 0 ? stdin : fopen(n2, "r");
  if (!f2) {
    if (!opt_s)
      u_perror2("cmp", n2);
    return 2;
  }
  {
    /* -l: offsets as wide as the larger file's size */
    struct stat s1, s2;
    long big = 0;
    if (fstat(fileno(f1), &s1) == 0)
      big = s1.st_size;
    if (fstat(fileno(f2), &s2) == 0 && s2.st_size > big)
      big = s2.st_size;
    for (; big >= 10; big /= 10)
      width++;
  }
  for (;;) {
    int a = getc(f1);
    int b = getc(f2);
    byte++;
    if (a == EOF || b == EOF) {
      if (a == EOF && b == EOF)
        break;
      if (!opt_s) {
        fflush(stdout);
        if (opt_l)
          fprintf(stderr, "cmp: EOF on %s after byte %ld\n", a == EOF ? n1 : n2, byte - 1);
        else
          fprintf(stderr, "cmp: EOF on %s after byte %ld, in line %ld\n", a == EOF ? n1 : n2, byte - 1, line);
      }
      return 1;
    }
    if (a != b) {
      differ = 1;
      if (opt_s)
        return 1;
      if (!opt_l) {
        printf("%s %s differ: char %ld, line %ld\n", n1, n2, byte, line);
        return 1;
      }
      printf("%*ld %3o %3o\n", width, byte, a, b);
    }
    if (a == '\n')
      line++;
  }
  return differ;
}
