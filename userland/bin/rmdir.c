/* rmdir: removes empty directories. */
#include <stdio.h>
#include <unistd.h>
#include "ulib.h"

int main(int argc, char **argv) {
  int i;
  int st = 0;
  if (argc < 2) {
    fprintf(stderr, "usage: rmdir DIR...\n");
    return 1;
  }
  for (i = 1; i < argc; i++) {
    if (rmdir(argv[i]) < 0) {
      u_perror2("rmdir", argv[i]);
      st = 1;
    }
  }
  return st;
}
