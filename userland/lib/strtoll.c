/* strtoll.c: text to integer, the one scanner behind strtol, strtoul,
 * strtoll, strtoull (and atoi, atol, atoll), plus llabs.
 *
 * __strto_scan reads whitespace, an optional sign, a "0x" prefix only when
 * a hex digit follows, and the digits of base 0 or 2..36 (else 0 and
 * EINVAL), accumulating the magnitude in 32 bits while it fits (64-bit
 * steps are helper calls, several times slower) and in 64 bits after, and
 * clamping it at a limit the caller gives (its type's maximum, or the
 * maximum + 1 after a '-'), so each conversion sees overflow without a
 * wider type:
 *   strtol/strtoll    past LONG_MAX/LLONG_MAX (LONG_MIN/LLONG_MIN for a
 *                     negative number): clamped, errno = ERANGE;
 *   strtoul/strtoull  past ULONG_MAX/ULLONG_MAX: the maximum and ERANGE; a
 *                     leading '-' negates the result in unsigned
 *                     arithmetic (C's rule).
 * *endptr is the first unused character, or the start of the string when
 * no digit was read (so "0x" alone reads the 0 and leaves "x"). */
#include <stdlib.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include "strto_impl.h"

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

unsigned long long __strto_scan(const char *s, char **endptr, int base, unsigned long long limit,
                                unsigned long long negative_limit, int *negative, int *overflow) {
  const char *p = s;
  unsigned long long value = 0, cutoff = 0;
  unsigned small = 0, small_cutoff, small_cutlim;
  int cutlim = 0, any = 0, wide = 0, d;

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
  if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && digit_value((unsigned char)p[2]) < 16) {
    p += 2;
    base = 16;
  } else if (base == 0) {
    base = p[0] == '0' ? 8 : 10;
  }
  small_cutoff = 0xffffffffu / (unsigned)base;
  small_cutlim = 0xffffffffu % (unsigned)base;
  for (;; p++) {
    d = digit_value((unsigned char)*p);
    if (d >= base)
      break;
    any = 1;
    if (!wide) {
      /* 32-bit steps while the number fits, which is nearly always */
      if (small < small_cutoff || (small == small_cutoff && (unsigned)d <= small_cutlim)) {
        small = small * (unsigned)base + (unsigned)d;
        continue;
      }
      wide = 1;
      value = small;
      cutoff = limit / (unsigned)base;
      cutlim = (int)(limit % (unsigned)base);
    }
    if (*overflow)
      continue;
    if (value > cutoff || (value == cutoff && d > cutlim)) {
      *overflow = 1;
      value = limit;
    } else {
      value = value * (unsigned)base + (unsigned)d;
    }
  }
  if (!wide) {
    value = small;
    if (value > limit) {
      *overflow = 1;
      value = limit;
    }
  }
  if (endptr)
    *endptr = (char *)(any ? p : s);
  if (!any)
    *negative = 0;
  return value;
}

long long strtoll(const char *s, char **endptr, int base) {
  int negative, overflow;
  unsigned long long magnitude = __strto_scan(s, endptr, base, (unsigned long long)LLONG_MAX,
                                              (unsigned long long)LLONG_MAX + 1, &negative, &overflow);
  if (overflow) {
    errno = ERANGE;
    return negative ? LLONG_MIN : LLONG_MAX;
  }
  return negative ? (long long)(0 - magnitude) : (long long)magnitude;
}

unsigned long long strtoull(const char *s, char **endptr, int base) {
  int negative, overflow;
  unsigned long long magnitude = __strto_scan(s, endptr, base, ULLONG_MAX, ULLONG_MAX, &negative, &overflow);
  if (overflow) {
    errno = ERANGE;
    return ULLONG_MAX;
  }
  return negative ? 0 - magnitude : magnitude;
}

long long atoll(const char *s) {
  return strtoll(s, NULL, 10);
}

long long llabs(long long x) {
  return x < 0 ? -x : x;
}
