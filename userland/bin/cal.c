/* cal: a calendar, laid out as util-linux's cal (weeks start on Sunday;
 * trailing blanks dropped):
 *   cal              this month
 *   cal YEAR | -y    the whole year, three months a row, a blank line
 *                    between rows
 *   cal MONTH YEAR   one month (MONTH 1-12)
 * The Gregorian calendar throughout (no 1752 switch). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ulib.h"
#include "u_time.h"

#define MONTH_WIDTH 20

/* Line `line` (0 = title, 1 = day names, 2..7 = weeks) of a month, 20
 * columns, blank-padded, into out. */
static void month_line(int year, int mon, int with_year, int line, char *out) {
  char title[40];
  int i, first, len, pad;
  memset(out, ' ', MONTH_WIDTH);
  out[MONTH_WIDTH] = 0;
  if (line == 0) {
    if (with_year) snprintf(title, sizeof title, "%s %d", u_month_names[mon - 1], year);
    else snprintf(title, sizeof title, "%s", u_month_names[mon - 1]);
    len = (int)strlen(title);
    pad = (MONTH_WIDTH - len) / 2;
    memcpy(out + pad, title, len);
    return;
  }
  if (line == 1) {
    memcpy(out, "Su Mo Tu We Th Fr Sa", MONTH_WIDTH);
    return;
  }
  first = (u_days_from_civil(year, mon, 1) % 7 + 11) % 7;   /* weekday of the 1st */
  for (i = 0; i < 7; i++) {
    int day = (line - 2) * 7 + i - first + 1;
    if (day >= 1 && day <= u_month_days(year, mon)) {
      out[i * 3] = day >= 10 ? (char)('0' + day / 10) : ' ';
      out[i * 3 + 1] = (char)('0' + day % 10);
    }
  }
}

static void print_trimmed(char *line) {
  int n = (int)strlen(line);
  while (n > 0 && line[n - 1] == ' ') n--;
  line[n] = 0;
  printf("%s\n", line);
}

static void one_month(int year, int mon) {
  char line[MONTH_WIDTH + 1];
  int l;
  for (l = 0; l < 8; l++) {
    month_line(year, mon, 1, l, line);
    print_trimmed(line);
  }
}

static void whole_year(int year) {
  char row[3 * MONTH_WIDTH + 8], part[MONTH_WIDTH + 1], title[16];
  int r, l, m;
  snprintf(title, sizeof title, "%d", year);
  memset(row, ' ', sizeof row);
  row[(3 * MONTH_WIDTH + 4 - (int)strlen(title)) / 2] = 0;
  printf("%s%s\n\n", row, title);
  for (r = 0; r < 4; r++) {
    for (l = 0; l < 8; l++) {
      row[0] = 0;
      for (m = 0; m < 3; m++) {
        month_line(year, r * 3 + m + 1, 0, l, part);
        strcat(row, part);
        if (m < 2) strcat(row, "  ");
      }
      print_trimmed(row);
    }
    if (r < 3) printf("\n");
  }
}

static int number(const char *s, int lo, int hi, const char *what) {
  char *end;
  long v = strtol(s, &end, 10);
  if (end == s || *end || v < lo || v > hi) {
    fprintf(stderr, "cal: illegal %s value: use %d-%d\n", what, lo, hi);
    exit(1);
  }
  return (int)v;
}

int main(int argc, char **argv) {
  struct u_tm now;
  u_gmtime((long)__sys_time(0), &now);
  if (argc == 1) {
    one_month(now.year, now.mon);
  } else if (argc == 2 && strcmp(argv[1], "-y") == 0) {
    whole_year(now.year);
  } else if (argc == 2) {
    whole_year(number(argv[1], 1, 9999, "year"));
  } else if (argc == 3) {
    int mon = number(argv[1], 1, 12, "month");
    one_month(number(argv[2], 1, 9999, "year"), mon);
  } else {
    fprintf(stderr, "usage: cal [[MONTH] YEAR] | cal -y\n");
    return 1;
  }
  return 0;
}
