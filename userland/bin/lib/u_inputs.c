/* u_inputs.c: what head and tail share — the line-count option (-n N or
 * -N, the first argument only) and the walk over the inputs: stdin when
 * there are no file arguments, else each file in turn, with a
 * "==> NAME <==" header before each when there are several (a blank line
 * between them) and "prog: NAME: reason" for one that cannot be opened. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include "ulib.h"

int u_lines_option(int argc, char **argv, int *lines) {
  if (argc > 1 && strcmp(argv[1], "-n") == 0 && argc > 2) {
    *lines = atoi(argv[2]);
    return 3;
  }
  if (argc > 1 && argv[1][0] == '-' && argv[1][1] >= '0' && argv[1][1] <= '9') {
    *lines = atoi(argv[1] + 1);
    return 2;
  }
  return 1;
}

int u_each_input(const char *prog, int argc, char **argv, int first, int (*fn)(int fd, int arg), int arg) {
  int i;
  int st = 0;
  if (first >= argc)
    return fn(0, arg);
  for (i = first; i < argc; i++) {
    int fd = open(argv[i], O_RDONLY, 0);
    if (fd < 0) {
      u_perror2(prog, argv[i]);
      st = 1;
      continue;
    }
    if (argc - first > 1) {
      printf("%s==> %s <==\n", i > first ? "\n" : "", argv[i]);
      fflush(stdout);
    }
    st |= fn(fd, arg);
    close(fd);
  }
  return st;
}
