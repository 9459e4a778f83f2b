/* u_time.h: broken-down UTC time and strftime-like formatting for date,
 * cal, top and watch (u_calendar.c). The system keeps no time zone: every
 * time is UTC, as with TZ unset on Linux. */
#ifndef U_TIME_H
#define U_TIME_H

struct u_tm {
  int year;   /* e.g. 2026 */
  int mon;    /* 1..12 */
  int mday;   /* 1..31 */
  int hour, min, sec;
  int wday;   /* 0 = Sunday */
  int yday;   /* 0..365 */
};

/* days since 1970-01-01 for a proleptic Gregorian date, and back */
int u_days_from_civil(int year, int mon, int mday);
void u_gmtime(long seconds, struct u_tm *tm);
long u_timegm(const struct u_tm *tm);
int u_is_leap(int year);
int u_month_days(int year, int mon);
extern const char *const u_month_names[12];
extern const char *const u_day_names[7];

/* GNU date's % codes (C locale); returns the length written (cut to size-1) */
int u_strftime(char *buf, int size, const char *fmt, const struct u_tm *tm, long seconds);

/* GNU's -h size for a count of KiB ("4.0K", "12M"), rounded up (u_human.c) */
void u_human_kib(unsigned int kib, char *out, int size);

#endif
