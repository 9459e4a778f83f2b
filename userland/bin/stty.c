/* stty: the terminal's window size, the part of stty Hako has so far.
 *   stty size            prints "ROWS COLUMNS" (TIOCGWINSZ)
 *   stty rows N cols N   sets them (TIOCSWINSZ; either one alone is fine)
 *   stty                 prints "rows R; columns C;"
 * The kernel learns the size from the host's terminal (the console-size
 * register) and sends SIGWINCH to the foreground group when it changes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#ifndef TIOCSWINSZ
#define TIOCSWINSZ 0x5414
#endif

static int number(const char *s, unsigned short *out) {
  unsigned int n = 0;
  const char *p = s;
  if (*p == 0) return -1;
  for (; *p; p++) {
    if (*p < '0' || *p > '9') return -1;
    n = n * 10 + (unsigned int)(*p - '0');
    if (n > 65535) return -1;
  }
  *out = (unsigned short)n;
  return 0;
}

int main(int argc, char **argv) {
  struct winsize ws;
  int i;
  if (ioctl(0, TIOCGWINSZ, &ws) < 0) {
    fprintf(stderr, "stty: standard input: not a terminal\n");
    return 1;
  }
  if (argc == 1) {
    printf("rows %d; columns %d;\n", ws.ws_row, ws.ws_col);
    return 0;
  }
  if (argc == 2 && strcmp(argv[1], "size") == 0) {
    printf("%d %d\n", ws.ws_row, ws.ws_col);
    return 0;
  }
  for (i = 1; i < argc; i++) {
    unsigned short *field;
    if (strcmp(argv[i], "rows") == 0) field = &ws.ws_row;
    else if (strcmp(argv[i], "cols") == 0 || strcmp(argv[i], "columns") == 0) field = &ws.ws_col;
    else {
      fprintf(stderr, "stty: invalid argument '%s'\nusage: stty [size | rows N | cols N]\n", argv[i]);
      return 1;
    }
    if (i + 1 >= argc || number(argv[i + 1], field) != 0) {
      fprintf(stderr, "stty: %s needs a number from 0 to 65535\n", argv[i]);
      return 1;
    }
    i++;
  }
  if (ioctl(0, TIOCSWINSZ, &ws) < 0) {
    fprintf(stderr, "stty: cannot set the window size\n");
    return 1;
  }
  return 0;
}
