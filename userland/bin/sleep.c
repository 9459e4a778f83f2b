/* sleep: waits N seconds (whole seconds, or N.F with a fraction). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include "ulib.h"

int main(int argc, char **argv) {
  unsigned int req[2];
  const char *s;
  unsigned int sec = 0;
  unsigned int nsec = 0;
  unsigned int scale = 100000000;
  if (argc != 2) {
    fprintf(stderr, "usage: sleep SECONDS\n");
    return 1;
  }
  for (s = argv[1]; *s >= '0' && *s <= '9'; s++)
    sec = sec * 10 + (*s - '0');
  if (*s == '.') {
    for (s++; *s >= '0' && *s <= '9'; s++) {
      nsec += (*s - '0') * scale;
      scale /= 10;
    }
  }
  if (*s || s == argv[1]) {
    fprintf(stderr, "sleep: invalid time interval '%s'\n", argv[1]);
    return 1;
  }
  req[0] = sec;
  req[1] = nsec;
  /* A handled signal ends nanosleep early (EINTR, time left in rem):
   * sleep on for the rest, as coreutils' sleep does. */
  {
    unsigned int rem[2];
    int r;
    while ((r = __sys_nanosleep(req, rem)) == -EINTR) {
      req[0] = rem[0];
      req[1] = rem[1];
    }
    if (r < 0)
      return 1;
  }
  return 0;
}
