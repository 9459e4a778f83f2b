/* /bin/hello: a program on libc (printf, getpid) for the kernel tests. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv) {
  char *p = malloc(100000);
  if (p == NULL) return 1;
  memset(p, 'x', 100000);
  printf("hello from libc: argc=%d argv1=%s pid>1=%d heap=%c\n", argc, argc > 1 ? argv[1] : "-", getpid() > 1, p[99999]);
  free(p);
  return 3;
}
