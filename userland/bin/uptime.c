/* uptime: the time (UTC), how long the system has been up, the number of
 * processes, and the load averages (sysinfo, 116). */
#include <stdio.h>
#include <errno.h>
#include "ulib.h"

static void load(unsigned int v, int last) {
  /* 16.16 fixed point, two decimals */
  v += 65536 / 200;   /* rounded to the 2nd decimal, as /proc/loadavg */
  printf("%u.%02u%s", v >> 16, ((v & 0xffff) * 100) >> 16, last ? "\n" : ", ");
}

int main(void) {
  unsigned int info[16];
  unsigned int now;
  unsigned int up;
  int r = __sys_sysinfo(info);
  if (r < 0) {
    errno = -r;
    perror("uptime");
    return 1;
  }
  now = __sys_time(0);
  up = info[0];
  printf(" %02u:%02u:%02u up ", (now / 3600) % 24, (now / 60) % 60, now % 60);
  if (up >= 86400)
    printf("%u day%s, ", up / 86400, up / 86400 == 1 ? "" : "s");
  if (up % 86400 >= 3600)
    printf("%2u:%02u, ", (up % 86400) / 3600, (up % 3600) / 60);
  else
    printf("%u min, ", (up % 3600) / 60);
  printf("%u processes, load average: ", info[10] & 0xffff);
  load(info[1], 0);
  load(info[2], 0);
  load(info[3], 1);
  return 0;
}
