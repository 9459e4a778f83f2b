/* u_write_all.c: output that reaches the exit status. Writes all n bytes
 * to fd (retrying short writes); on failure prints "PROG: write error:
 * REASON", as GNU's utilities do, and returns -1, so the caller exits
 * non-zero instead of losing output silently (a full disk, /dev/full). */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include "ulib.h"

int u_write_all(const char *prog, int fd, const void *buf, int n) {
  const char *p = buf;
  while (n > 0) {
    int w = write(fd, p, n);
    if (w <= 0) {
      if (w == 0)
        errno = EIO;
      fprintf(stderr, "%s: write error: %s\n", prog, strerror(errno));
      return -1;
    }
    p += w;
    n -= w;
  }
  return 0;
}
