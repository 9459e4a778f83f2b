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
  write(1, data + pos, len - pos);
  free(data);
  return 0;
}

int main(int argc, char **argv) {
  int lines = 10;
  int i = 1;
  int st = 0;
  int first;
  if (i < argc && strcmp(argv[i], "-n") == 0 && i + 1 < argc) {
    lines = atoi(argv[i + 1]);
    i += 2;
  } else if (i < argc && argv[i][0] == '-' && argv[i][1] >= '0' && argv[i][1] <= '9') {
    lines = atoi(argv[i] + 1);
    i++;
  }
  if (lines <= 0)
    return 0;
  if (i == argc)
    return tail(0, lines);
  first = i;
  for (; i < argc; i++) {
    int fd = open(argv[i], O_RDONLY, 0);
    if (fd < 0) {
      u_perror2("tail", argv[i]);
      st = 1;
      continue;
    }
    if (argc - first > 1) {
      printf("%s==> %s <==\n", i > first ? "\n" : "", argv[i]);
      fflush(stdout);
    }
    tail(fd, lines);
    close(fd);
  }
  return st;
}
