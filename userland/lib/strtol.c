/* strtol.c: text to long (strtol, strtoul, atoi, atol), through the
 * 64-bit scanner of strtoll.c with the 32-bit limits:
 *   strtol  limit LONG_MAX, or LONG_MAX + 1 for a negative number; past it
 *           LONG_MAX / LONG_MIN and errno = ERANGE;
 *   strtoul limit ULONG_MAX; past it ULONG_MAX and ERANGE; a leading '-'
 *           negates the result in unsigned arithmetic (C's rule).
 * Whitespace, sign, base and *endptr as strtoll.c describes. */
#include <stdlib.h>
#include <errno.h>
#include <limits.h>
#include "strto_impl.h"

long strtol(const char *s, char **endptr, int base) {
  int negative, overflow;
  unsigned long magnitude = (unsigned long)__strto_scan(s, endptr, base, LONG_MAX, (unsigned long)LONG_MAX + 1UL,
                                                        &negative, &overflow);
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
  unsigned long magnitude = (unsigned long)__strto_scan(s, endptr, base, ULONG_MAX, ULONG_MAX, &negative, &overflow);
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
