/* head: the first N lines (default 10) of each file or stdin: -n N or -N. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include "ulib.h"

static char buf[4096];

static int head(int fd, int lines) {
  int n;
  while (lines > 0 && (n = read(fd, buf, sizeof buf)) > 0) {
    int i;
    for (i = 0; i < n && lines > 0; i++)
      if (buf[i] == '\n')
        lines--;
    if (u_write_all("head", 1, buf, i) != 0)
      return 1;
  }
  return 0;
}

int main(int argc, char **argv) {
  int lines = 10;
  int first = u_lines_option(argc, argv, &lines);
  return u_each_input("head", argc, argv, first, head, lines);
}
