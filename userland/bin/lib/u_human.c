/* u_human.c: GNU's -h sizes (df -h, du -h) from a count of KiB: powers of
 * 1024 with the suffixes K M G, one decimal below 10, always rounded up
 * (coreutils' human_ceiling), "0" for nothing. */
#include <stdio.h>
#include "u_time.h"

void u_human_kib(unsigned int kib, char *out, int size) {
  static const char units[] = "KMG";
  unsigned int d = 1;
  int u = 0;
  if (kib == 0) {
    snprintf(out, size, "0");
    return;
  }
  while (kib / d >= 1024 && u < 2) {   /* up to G: 32-bit KiB counts end at 4 TiB */
    d *= 1024;
    u++;
  }
  if (kib < 10 * d) {
    unsigned int tenths = (kib * 10 + d - 1) / d;
    if (tenths < 100) {
      snprintf(out, size, "%u.%u%c", tenths / 10, tenths % 10, units[u]);
      return;
    }
    snprintf(out, size, "10%c", units[u]);
    return;
  }
  {
    unsigned int whole = kib / d + (kib % d != 0);
    if (whole >= 1024 && u < 2) snprintf(out, size, "1.0%c", units[u + 1]);
    else snprintf(out, size, "%u%c", whole, units[u]);
  }
}
