/* readlink: prints the target of each symbolic link. */
#include <stdio.h>
#include <unistd.h>
#include "ulib.h"

int main(int argc, char **argv) {
  int i;
  int st = 0;
  char buf[1024];
  if (argc < 2) {
    fprintf(stderr, "usage: readlink LINK...\n");
    return 1;
  }
  for (i = 1; i < argc; i++) {
    int n = readlink(argv[i], buf, sizeof buf - 1);
    if (n < 0) {
      u_perror2("readlink", argv[i]);
      st = 1;
      continue;
    }
    buf[n] = 0;
    printf("%s\n", buf);
  }
  return st;
}
