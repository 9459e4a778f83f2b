/* sleep: waits for the sum of its arguments, each N or N.F seconds with an
 * optional unit s, m, h or d (as GNU sleep: `sleep 0.5`, `sleep 1m 30`).
 * A signal that stops and continues the process interrupts nanosleep with
 * EINTR; the kernel then gives the time left, and sleep goes on with it,
 * so a stopped and continued sleep still waits its whole time and exits 0. */
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include "ulib.h"

/* Adds the interval S to *sec/*nsec; 0 when S is not one. */
static int add_interval(const char *s, unsigned int *sec, unsigned int *nsec) {
  unsigned int whole = 0;
  unsigned int frac = 0; /* nanoseconds */
  unsigned int scale = 100000000;
  unsigned int mult = 1;
  const char *start = s;
  for (; *s >= '0' && *s <= '9'; s++)
    whole = whole * 10 + (*s - '0');
  if (*s == '.') {
    for (s++; *s >= '0' && *s <= '9'; s++) {
      frac += (*s - '0') * scale;
      scale /= 10;
    }
  }
  if (s == start || (s == start + 1 && *start == '.'))
    return 0;
  if (*s == 's' || *s == 'm' || *s == 'h' || *s == 'd') {
    mult = *s == 's' ? 1 : *s == 'm' ? 60 : *s == 'h' ? 3600 : 86400;
    s++;
  }
  if (*s)
    return 0;
  /* (whole + frac/1e9) * mult: a fraction of a minute, hour or day to the
   * millisecond (999 * 86400 fits in 32 bits) */
  *sec += whole * mult;
  if (mult == 1) {
    *nsec += frac;
  } else {
    unsigned int ms = frac / 1000000 * mult;
    *sec += ms / 1000;
    *nsec += ms % 1000 * 1000000;
  }
  if (*nsec >= 1000000000) {
    *sec += 1;
    *nsec -= 1000000000;
  }
  return 1;
}

int main(int argc, char **argv) {
  unsigned int req[2];
  unsigned int rem[2];
  unsigned int sec = 0;
  unsigned int nsec = 0;
  int i;
  int r;
  if (argc < 2) {
    fprintf(stderr, "sleep: missing operand\nusage: sleep NUMBER[smhd]...\n");
    return 1;
  }
  for (i = 1; i < argc; i++) {
    if (!add_interval(argv[i], &sec, &nsec)) {
      fprintf(stderr, "sleep: invalid time interval '%s'\n", argv[i]);
      return 1;
    }
  }
  req[0] = sec;
  req[1] = nsec;
  while ((r = __sys_nanosleep(req, rem)) == -EINTR) {
    req[0] = rem[0];
    req[1] = rem[1];
  }
  return r < 0 ? 1 : 0;
}
