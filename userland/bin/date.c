/* date: prints the time, or sets it (root). GNU date's common forms:
 *   date [-u] [-d @SECONDS | -d 'YYYY-MM-DD [HH:MM[:SS]]'] [+FORMAT]
 *   date -s @SECONDS | -s 'YYYY-MM-DD HH:MM[:SS]'   (settimeofday, root)
 * The system keeps UTC and no time zone, so -u changes nothing: every
 * time is shown as UTC. FORMAT takes the % codes of u_strftime (%a %A %b
 * %B %c %C %d %D %e %F %H %I %j %k %l %m %M %n %p %P %r %R %s %S %t %T
 * %u %U %w %W %x %X %y %Y %z %Z %%); the default is GNU's C-locale one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sys/time.h>
#include "ulib.h"
#include "u_time.h"

int settimeofday(const struct timeval *tv, const void *tz);

static int digits(const char *s, int n, int *out) {
  int i, v = 0;
  for (i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9') return 0;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return 1;
}

/* @SECONDS, or YYYY-MM-DD with an optional [ T]HH:MM[:SS]; 0 if invalid */
static int parse_time(const char *s, long *out) {
  struct u_tm tm;
  if (s[0] == '@') {
    char *end;
    long v = strtol(s + 1, &end, 10);
    if (end == s + 1 || *end) return 0;
    *out = v;
    return 1;
  }
  memset(&tm, 0, sizeof tm);
  if (strlen(s) < 10 || !digits(s, 4, &tm.year) || s[4] != '-' || !digits(s + 5, 2, &tm.mon) || s[7] != '-' ||
      !digits(s + 8, 2, &tm.mday))
    return 0;
  s += 10;
  if (*s == ' ' || *s == 'T') {
    s++;
    if (!digits(s, 2, &tm.hour) || s[2] != ':' || !digits(s + 3, 2, &tm.min)) return 0;
    s += 5;
    if (*s == ':') {
      if (!digits(s + 1, 2, &tm.sec)) return 0;
      s += 3;
    }
  }
  if (*s || tm.mon < 1 || tm.mon > 12 || tm.mday < 1 || tm.mday > u_month_days(tm.year, tm.mon) || tm.hour > 23 ||
      tm.min > 59 || tm.sec > 60)
    return 0;
  *out = u_timegm(&tm);
  return 1;
}

static void usage(void) {
  fprintf(stderr, "usage: date [-u] [-d @SECONDS|DATE] [-s @SECONDS|DATE] [+FORMAT]\n");
  exit(1);
}

int main(int argc, char **argv) {
  const char *format = "%a %b %e %H:%M:%S %Z %Y";
  const char *when = 0, *set = 0;
  long t;
  struct u_tm tm;
  char out[1024];
  int i;
  for (i = 1; i < argc; i++) {
    if (strcmp(argv[i], "-u") == 0 || strcmp(argv[i], "--utc") == 0) continue;
    if (strcmp(argv[i], "-d") == 0 && i + 1 < argc) when = argv[++i];
    else if (strncmp(argv[i], "-d", 2) == 0 && argv[i][2]) when = argv[i] + 2;
    else if (strcmp(argv[i], "-s") == 0 && i + 1 < argc) set = argv[++i];
    else if (argv[i][0] == '+') format = argv[i] + 1;
    else {
      fprintf(stderr, "date: invalid argument '%s'\n", argv[i]);
      usage();
    }
  }
  if (set) {
    struct timeval tv;
    if (!parse_time(set, &t)) {
      fprintf(stderr, "date: invalid date '%s'\n", set);
      return 1;
    }
    tv.tv_sec = t;
    tv.tv_usec = 0;
    if (settimeofday(&tv, 0) != 0) {
      fprintf(stderr, "date: cannot set date: %s\n", strerror(errno));
      return 1;
    }
  } else if (when) {
    if (!parse_time(when, &t)) {
      fprintf(stderr, "date: invalid date '%s'\n", when);
      return 1;
    }
  } else {
    t = (long)__sys_time(0);
  }
  u_gmtime(t, &tm);
  u_strftime(out, sizeof out, format, &tm, t);
  printf("%s\n", out);
  return 0;
}
