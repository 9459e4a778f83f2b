/* u_calendar.c: the proleptic Gregorian calendar (Howard Hinnant's
 * days-from-civil algorithm, in 32-bit arithmetic: good for years
 * -5000000..5000000) and strftime-like formatting in the C locale. */
#include <string.h>
#include <stdio.h>
#include "u_time.h"

const char *const u_month_names[12] = {
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
};
const char *const u_day_names[7] = {
  "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
};

int u_is_leap(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int u_month_days(int year, int mon) {
  static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  return mon == 2 && u_is_leap(year) ? 29 : days[mon - 1];
}

static int floor_div(int a, int b) {
  return a >= 0 ? a / b : -((-a + b - 1) / b);
}

int u_days_from_civil(int year, int mon, int mday) {
  int era, yoe, doy, doe;
  year -= mon <= 2;
  era = floor_div(year, 400);
  yoe = year - era * 400;
  doy = (153 * (mon + (mon > 2 ? -3 : 9)) + 2) / 5 + mday - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void u_gmtime(long seconds, struct u_tm *tm) {
  long days = floor_div((int)seconds, 86400);
  long rest = seconds - days * 86400;
  int z = (int)days + 719468;
  int era = floor_div(z, 146097);
  int doe = z - era * 146097;
  int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int mp = (5 * doy + 2) / 153;
  tm->mday = doy - (153 * mp + 2) / 5 + 1;
  tm->mon = mp < 10 ? mp + 3 : mp - 9;
  tm->year = yoe + era * 400 + (tm->mon <= 2);
  tm->hour = (int)(rest / 3600);
  tm->min = (int)(rest / 60 % 60);
  tm->sec = (int)(rest % 60);
  tm->wday = (int)((days % 7 + 11) % 7);   /* 1970-01-01 was a Thursday */
  tm->yday = (int)days - u_days_from_civil(tm->year, 1, 1);
}

long u_timegm(const struct u_tm *tm) {
  return (long)u_days_from_civil(tm->year, tm->mon, tm->mday) * 86400 + tm->hour * 3600 + tm->min * 60 + tm->sec;
}

/* %U (weeks starting Sunday) and %W (Monday): days before the first such
 * day of the year are week 0. */
static int week_number(const struct u_tm *tm, int first_day) {
  int wd = (tm->wday - first_day + 7) % 7;
  return (tm->yday + 7 - wd) / 7;
}

struct sink {
  char *buf;
  int size, len;
};

static void put(struct sink *s, const char *text) {
  while (*text) {
    if (s->len < s->size - 1) s->buf[s->len] = *text;
    s->len++;
    text++;
  }
}

int u_strftime(char *buf, int size, const char *fmt, const struct u_tm *tm, long seconds) {
  struct sink s;
  char t[64];
  const char *f;
  s.buf = buf;
  s.size = size;
  s.len = 0;
  for (f = fmt; *f; f++) {
    if (*f != '%' || f[1] == 0) {
      t[0] = *f;
      t[1] = 0;
      put(&s, t);
      continue;
    }
    f++;
    t[0] = 0;
    switch (*f) {
    case 'a': snprintf(t, sizeof t, "%.3s", u_day_names[tm->wday]); break;
    case 'A': put(&s, u_day_names[tm->wday]); break;
    case 'b': case 'h': snprintf(t, sizeof t, "%.3s", u_month_names[tm->mon - 1]); break;
    case 'B': put(&s, u_month_names[tm->mon - 1]); break;
    case 'c':
      snprintf(t, sizeof t, "%.3s %.3s %2d %02d:%02d:%02d %d", u_day_names[tm->wday], u_month_names[tm->mon - 1],
               tm->mday, tm->hour, tm->min, tm->sec, tm->year);
      break;
    case 'C': snprintf(t, sizeof t, "%02d", tm->year / 100); break;
    case 'd': snprintf(t, sizeof t, "%02d", tm->mday); break;
    case 'D': snprintf(t, sizeof t, "%02d/%02d/%02d", tm->mon, tm->mday, tm->year % 100); break;
    case 'e': snprintf(t, sizeof t, "%2d", tm->mday); break;
    case 'F': snprintf(t, sizeof t, "%d-%02d-%02d", tm->year, tm->mon, tm->mday); break;
    case 'H': snprintf(t, sizeof t, "%02d", tm->hour); break;
    case 'I': snprintf(t, sizeof t, "%02d", (tm->hour + 11) % 12 + 1); break;
    case 'j': snprintf(t, sizeof t, "%03d", tm->yday + 1); break;
    case 'k': snprintf(t, sizeof t, "%2d", tm->hour); break;
    case 'l': snprintf(t, sizeof t, "%2d", (tm->hour + 11) % 12 + 1); break;
    case 'm': snprintf(t, sizeof t, "%02d", tm->mon); break;
    case 'M': snprintf(t, sizeof t, "%02d", tm->min); break;
    case 'n': put(&s, "\n"); break;
    case 'N': put(&s, "000000000"); break;   /* whole seconds only */
    case 'p': put(&s, tm->hour < 12 ? "AM" : "PM"); break;
    case 'P': put(&s, tm->hour < 12 ? "am" : "pm"); break;
    case 'r': snprintf(t, sizeof t, "%02d:%02d:%02d %s", (tm->hour + 11) % 12 + 1, tm->min, tm->sec, tm->hour < 12 ? "AM" : "PM"); break;
    case 'R': snprintf(t, sizeof t, "%02d:%02d", tm->hour, tm->min); break;
    case 's': snprintf(t, sizeof t, "%ld", seconds); break;
    case 'S': snprintf(t, sizeof t, "%02d", tm->sec); break;
    case 't': put(&s, "\t"); break;
    case 'T': snprintf(t, sizeof t, "%02d:%02d:%02d", tm->hour, tm->min, tm->sec); break;
    case 'u': snprintf(t, sizeof t, "%d", tm->wday == 0 ? 7 : tm->wday); break;
    case 'U': snprintf(t, sizeof t, "%02d", week_number(tm, 0)); break;
    case 'w': snprintf(t, sizeof t, "%d", tm->wday); break;
    case 'W': snprintf(t, sizeof t, "%02d", week_number(tm, 1)); break;
    case 'x': snprintf(t, sizeof t, "%02d/%02d/%02d", tm->mon, tm->mday, tm->year % 100); break;
    case 'X': snprintf(t, sizeof t, "%02d:%02d:%02d", tm->hour, tm->min, tm->sec); break;
    case 'y': snprintf(t, sizeof t, "%02d", tm->year % 100); break;
    case 'Y': snprintf(t, sizeof t, "%d", tm->year); break;
    case 'z': put(&s, "+0000"); break;
    case 'Z': put(&s, "UTC"); break;
    case '%': put(&s, "%"); break;
    default:
      t[0] = '%';
      t[1] = *f;
      t[2] = 0;
      break;
    }
    put(&s, t);
  }
  if (size > 0) buf[s.len < size ? s.len : size - 1] = 0;
  return s.len < size ? s.len : size - 1;
}
