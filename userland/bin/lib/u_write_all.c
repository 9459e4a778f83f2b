/* u_write_all.c: output that reaches the exit status. u_write_full writes
 * all n bytes to fd (retrying short writes: a socket or pipe may take
 * part), 0 or -1 with errno; u_write_all also prints "PROG: write error:
 * REASON", as GNU's utilities do, so the caller exits non-zero instead of
 * losing output silently (a full disk, /dev/full). */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include "ulib.h"

int u_write_full(int fd, const void *buf, int n) {
  const char *p = buf;
  while (n > 0) {
    int w = write(fd, p, n);
    if (w <= 0) {
      if (w == 0)
        errno = EIO;
      return -1;
    }
    p += w;
    n -= w;
  }
  return 0;
}

int u_write_all(const char *prog, int fd, const void *buf, int n) {
  if (u_write_full(fd, buf, n) == 0)
    return 0;
  fprintf(stderr, "%s: write error: %s\n", prog, strerror(errno));
  return -1;
}
