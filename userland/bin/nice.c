/* nice: runs a command with its nice value raised by N (default 10):
 * `nice [-n N] COMMAND [ARG...]`; without a command prints the current
 * nice value. Negative N needs root. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include "ulib.h"

int main(int argc, char **argv) {
  int inc = 10;
  int i = 1;
  int r;
  if (i < argc && strcmp(argv[i], "-n") == 0) {
    if (i + 1 >= argc) {
      fprintf(stderr, "usage: nice [-n N] [COMMAND [ARG...]]\n");
      return 125;
    }
    inc = atoi(argv[i + 1]);
    i += 2;
  } else if (i < argc && argv[i][0] == '-' && argv[i][1] >= '0' && argv[i][1] <= '9') {
    inc = atoi(argv[i] + 1);
    i++;
  }
  if (i == argc) {
    r = __sys_getpriority(0, 0);
    printf("%d\n", 20 - r);
    return 0;
  }
  r = __sys_nice(inc);
  if (r < 0) {
    errno = -r;
    perror("nice: cannot set niceness");
  }
  execvp(argv[i], argv + i);
  u_perror2("nice", argv[i]);
  return errno == ENOENT ? 127 : 126;
}
