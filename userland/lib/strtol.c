/* strtol.c: text to integer (strtol, strtoul, atoi, atol).
 *
 * Both conversions share one scanner that accumulates the magnitude in an
 * unsigned long and stops accumulating at a limit, so overflow is seen
 * without any wider type (the Hako subset has no long long):
 *   strtol  limit LONG_MAX, or LONG_MAX + 1 for a negative number;
 *           past it: LONG_MAX / LONG_MIN and errno = ERANGE;
 *   strtoul limit ULONG_MAX; past it ULONG_MAX and ERANGE; a leading '-'
 *           negates the result in unsigned arithmetic (C's rule).
 * *endptr is set to the first unused character, or to the start of the
 * string when no digit was read (so "0x" alone reads the 0 and leaves "x").
 * An invalid base (not 0 or 2..36) gives 0 and errno = EINVAL. */
#include <stdlib.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>

/* Value of a digit character in any base up to 36, or 99 for a non-digit. */
static int digit_value(int c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z')
    return c - 'A' + 10;
  return 99;
}

/* Scans an optionally signed number. Returns the magnitude (clamped to
 * `limit` when it is exceeded, with *overflow set), sets *negative and
 * *endptr; negative_limit replaces limit when a minus sign is seen. */
static unsigned long scan(const char *s, char **endptr, int base, unsigned long limit,
                          unsigned long negative_limit, int *negative, int *overflow) {
  const char *p = s;
  unsigned long value = 0;
  unsigned long cutoff;
  int cutlim;
  int any = 0;
  int d;

  *negative = 0;
  *overflow = 0;
  if (base != 0 && (base < 2 || base > 36)) {
    errno = EINVAL;
    if (endptr)
      *endptr = (char *)s;
    return 0;
  }
  while (isspace((unsigned char)*p))
    p++;
  if (*p == '-') {
    *negative = 1;
    limit = negative_limit;
    p++;
  } else if (*p == '+') {
    p++;
  }
  /* A "0x" prefix counts only when a hex digit follows it. */
  if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && digit_value((unsigned char)p[2]) < 16) {
    p += 2;
    base = 16;
  } else if (base == 0) {
    base = p[0] == '0' ? 8 : 10;
  }
  cutoff = limit / (unsigned long)base;
  cutlim = (int)(limit % (unsigned long)base);
  for (;; p++) {
    d = digit_value((unsigned char)*p);
    if (d >= base)
      break;
    any = 1;
    if (*overflow)
      continue;
    if (value > cutoff || (value == cutoff && d > cutlim)) {
      *overflow = 1;
      value = limit;
    } else {
      value = value * (unsigned long)base + (unsigned long)d;
    }
  }
  if (endptr)
    *endptr = (char *)(any ? p : s);
  if (!any)
    *negative = 0;
  return value;
}

long strtol(const char *s, char **endptr, int base) {
  int negative, overflow;
  unsigned long magnitude = scan(s, endptr, base, (unsigned long)LONG_MAX,
                                 (unsigned long)LONG_MAX + 1UL, &negative, &overflow);
  if (overflow) {
    errno = ERANGE;
    return negative ? LONG_MIN : LONG_MAX;
  }
  /* Negate in unsigned arithmetic: -(LONG_MAX + 1) is representable only
   * as the result, not as an intermediate long. */
  return negative ? (long)(0UL - magnitude) : (long)magnitude;
}

unsigned long strtoul(const char *s, char **endptr, int base) {
  int negative, overflow;
  unsigned long magnitude = scan(s, endptr, base, ULONG_MAX, ULONG_MAX, &negative, &overflow);
  if (overflow) {
    errno = ERANGE;
    return ULONG_MAX;
  }
  return negative ? 0UL - magnitude : magnitude;
}

int atoi(const char *s) {
  return (int)strtol(s, NULL, 10);
}

long atol(const char *s) {
  return strtol(s, NULL, 10);
}
