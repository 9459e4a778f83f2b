/* u_format_time.c: Unix seconds to "YYYY-MM-DD HH:MM" in UTC (days to a
 * civil date with the usual era arithmetic, all in 32-bit integers). */
#include <stdio.h>
#include "ulib.h"

void u_format_time(unsigned int t, char *out) {
  unsigned int days = t / 86400;
  unsigned int secs = t % 86400;
  int z = (int)days + 719468;
  int era = z / 146097;
  int doe = z - era * 146097;
  int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int y = yoe + era * 400;
  int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int mp = (5 * doy + 2) / 153;
  int d = doy - (153 * mp + 2) / 5 + 1;
  int m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2)
    y++;
  sprintf(out, "%04d-%02d-%02d %02d:%02d", y, m, d, secs / 3600, (secs / 60) % 60);
}
