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
    write(1, buf, i);
  }
  return 0;
}

int main(int argc, char **argv) {
  int lines = 10;
  int i = 1;
  int st = 0;
  int nfiles;
  if (i < argc && strcmp(argv[i], "-n") == 0 && i + 1 < argc) {
    lines = atoi(argv[i + 1]);
    i += 2;
  } else if (i < argc && argv[i][0] == '-' && argv[i][1] >= '0' && argv[i][1] <= '9') {
    lines = atoi(argv[i] + 1);
    i++;
  }
  nfiles = argc - i;
  if (nfiles == 0)
    return head(0, lines);
  for (; i < argc; i++) {
    int fd = open(argv[i], O_RDONLY, 0);
    if (fd < 0) {
      u_perror2("head", argv[i]);
      st = 1;
      continue;
    }
    if (nfiles > 1) {
      printf("%s==> %s <==\n", i > argc - nfiles ? "\n" : "", argv[i]);
      fflush(stdout);
    }
    head(fd, lines);
    close(fd);
  }
  return st;
}
