/* t_strtol.c: strtol, strtoul, atoi and atol against glibc: value, end
 * pointer and errno, for hand-picked edge cases and for thousands of
 * random strings built from the characters that matter (signs, spaces,
 * prefixes, digits of every base, junk). The host's long is 64 bits, so
 * the overflow edges are 64-bit ones; the same code clamps at 32 bits on
 * Hako through LONG_MAX. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "hk.h"

static void compare_one(const char *s, int base) {
  char *end_ours, *end_theirs;
  long a, b;
  unsigned long ua, ub;
  int err_ours, err_theirs;

  hk_errno = 0;
  errno = 0;
  a = hk_strtol(s, &end_ours, base);
  err_ours = hk_errno;
  b = strtol(s, &end_theirs, base);
  err_theirs = errno;
  CHECK(a == b && err_ours == err_theirs && (base < 2 && base != 0 ? 1 : end_ours == end_theirs),
        "strtol(\"%s\", %d): ours %ld end+%ld errno %d, glibc %ld end+%ld errno %d", s, base, a, (long)(end_ours - s),
        err_ours, b, (long)(end_theirs - s), err_theirs);

  hk_errno = 0;
  errno = 0;
  ua = hk_strtoul(s, &end_ours, base);
  err_ours = hk_errno;
  ub = strtoul(s, &end_theirs, base);
  err_theirs = errno;
  CHECK(ua == ub && err_ours == err_theirs && (base < 2 && base != 0 ? 1 : end_ours == end_theirs),
        "strtoul(\"%s\", %d): ours %lu end+%ld errno %d, glibc %lu end+%ld errno %d", s, base, ua,
        (long)(end_ours - s), err_ours, ub, (long)(end_theirs - s), err_theirs);
}

static const char *edge_cases[] = {
  "", " ", "0", "-0", "+0", "42", "-42", "+42", "  \t\n\v\f\r 17xyz", "0x", "0X", "0x1f", "0XfF", "-0x10", "0x-1",
  "0xg", "0b101", "012", "09", "08", "0", "00x1", "--1", "+-1", "- 1", "+", "-", "z", "Z", "zz", "1z", "123abc",
  "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
  "18446744073709551615", "18446744073709551616", "-18446744073709551615", "-18446744073709551616",
  "99999999999999999999999999999999", "-99999999999999999999999999999999", "2147483647", "2147483648",
  "-2147483648", "-2147483649", "4294967295", "4294967296", "0xffffffffffffffff", "0x10000000000000000",
  "7fffffffffffffff", "8000000000000000", "1111111111111111111111111111111111111111111111111111111111111111",
  "10000000000000000000000000000000000000000000000000000000000000000", "zzzzzzzzzzzz", "zzzzzzzzzzzzz",
  "3w5e11264sgsf", "3w5e11264sgsg", "   -", "0x 1", "1 2",
};

static const int bases[] = {0, 2, 3, 7, 8, 10, 11, 16, 17, 32, 35, 36};

static void edges(void) {
  size_t i, j;
  for (i = 0; i < sizeof(edge_cases) / sizeof(edge_cases[0]); i++)
    for (j = 0; j < sizeof(bases) / sizeof(bases[0]); j++)
      compare_one(edge_cases[i], bases[j]);
}

static void random_strings(void) {
  static const char alphabet[] = "0123456789abcdefxXzZ+- \t019ffff";
  char s[40];
  unsigned int seed = 12345;
  int n, i, k, len;
  for (n = 0; n < 30000; n++) {
    seed = seed * 1664525u + 1013904223u;
    len = (int)((seed >> 24) % 30);
    for (i = 0; i < len; i++) {
      seed = seed * 1664525u + 1013904223u;
      k = (int)((seed >> 16) % (sizeof(alphabet) - 1));
      s[i] = alphabet[k];
    }
    s[len] = 0;
    seed = seed * 1664525u + 1013904223u;
    compare_one(s, bases[(seed >> 20) % (sizeof(bases) / sizeof(bases[0]))]);
  }
}

static void invalid_bases(void) {
  char *end;
  long v;
  int bad[] = {1, -1, 37, 100};
  size_t i;
  for (i = 0; i < 4; i++) {
    hk_errno = 0;
    v = hk_strtol("123", &end, bad[i]);
    CHECK(v == 0 && hk_errno == EINVAL, "strtol base %d: %ld errno %d", bad[i], v, hk_errno);
  }
}

static void atoi_atol(void) {
  static const char *cases[] = {"0", "12", "-12", " +7 apples", "2147483647", "-2147483648", "x", "", "  -0012"};
  size_t i;
  for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    CHECK(hk_atoi(cases[i]) == atoi(cases[i]), "atoi(\"%s\"): ours %d, glibc %d", cases[i], hk_atoi(cases[i]),
          atoi(cases[i]));
    CHECK(hk_atol(cases[i]) == atol(cases[i]), "atol(\"%s\")", cases[i]);
  }
  /* A NULL endptr is allowed. */
  CHECK(hk_strtol("77", NULL, 8) == 63, "strtol with NULL endptr");
}

void test_strtol(void) {
  edges();
  random_strings();
  invalid_bases();
  atoi_atol();
}
