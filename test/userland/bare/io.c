/* io.c: console input and output through stdio, run with the same
 * arguments and input on the bare machine and on the host (glibc); the
 * outputs must be identical. Exercises argv, fgets, getchar/ungetc, EOF,
 * puts/putchar/fputs, fwrite, setvbuf, stderr and the exit status. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>

int main(int argc, char **argv) {
  char line[16];
  int i, c, words = 0, in_word = 0, lines = 0;
  /* Line-buffered like a terminal on both machines, so the order of stdout
   * and stderr lines is the same when the host's stdout is a pipe. */
  setvbuf(stdout, NULL, _IOLBF, 0);
  for (i = 1; i < argc; i++)
    printf("arg %d: \"%s\" (%d chars)\n", i, argv[i], (int)strlen(argv[i]));
  /* The first line through fgets with a small buffer: long lines come in pieces. */
  while (fgets(line, sizeof(line), stdin)) {
    printf("piece %d: [%s]%s", ++lines, line, strchr(line, '\n') ? "" : "\n");
    if (strcmp(line, "--\n") == 0)
      break;
  }
  /* The rest byte by byte, counting words; ungetc puts digits back to read them as numbers. */
  while ((c = getchar()) != EOF) {
    if (isdigit(c)) {
      int value = 0;
      ungetc(c, stdin);
      while ((c = getchar()) != EOF && isdigit(c))
        value = value * 10 + (c - '0');
      printf("number %d\n", value);
      if (c == EOF)
        break;
    }
    if (isspace(c))
      in_word = 0;
    else if (!in_word) {
      in_word = 1;
      words++;
    }
  }
  printf("words %d, eof %d\n", words, feof(stdin) != 0);
  puts("puts line");
  fputs("fputs ", stdout);
  putchar('!');
  fwrite("\nfwrite\n", 1, 8, stdout);
  fprintf(stderr, "to stderr\n");
  return argc + 40;
}
