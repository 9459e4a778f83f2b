/* tail: the last N lines (default 10) of each file or stdin: -n N or -N.
 * Reads the whole input into memory (files here are small), then prints
 * from the N-th newline counted from the end. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include "ulib.h"

static int tail(int fd, int lines) {
  char *data = 0;
  int len = 0;
  int cap = 0;
  int n;
  int pos;
  for (;;) {
    if (len + 4096 > cap) {
      cap = cap ? cap * 2 : 8192;
      data = realloc(data, cap);
      if (!data) {
        fprintf(stderr, "tail: out of memory\n");
        return 1;
      }
    }
    n = read(fd, data + len, 4096);
    if (n <= 0)
      break;
    len += n;
  }
  pos = len;
  if (pos > 0 && data[pos - 1] == '\n')
    pos--;
  while (pos > 0) {
    if (data[pos - 1] == '\n') {
      if (--lines == 0)
        break;
    }
    pos--;
  }
  if (lines > 0)
    pos = 0;
  lines = u_write_all("tail", 1, data + pos, len - pos);
  free(data);
  return lines != 0;
}

int main(int argc, char **argv) {
  int lines = 10;
  int first = u_lines_option(argc, argv, &lines);
  if (lines <= 0)
    return 0;
  return u_each_input("tail", argc, argv, first, tail, lines);
}
