/*
 * long long in libc: printf's ll length (%lld %lli %llu %llx %llX %llo with
 * flags, width and precision, the extremes LLONG_MIN and ULLONG_MAX),
 * strtoll/strtoull (bases, prefixes, signs, end pointer, clamping with
 * ERANGE), atoll and llabs, and the <limits.h>/<stdint.h> constants.
 */
#include <errno.h>
#include <limits.h>
#include <inttypes.h>
#include <stdint.h>
#include "test.h"

static char buf[128];

static const char *fmt_ll(const char *format, long long v) {
  sprintf(buf, format, v);
  return buf;
}

int main(void) {
  char *end;
  const char *text;

  /* printf */
  ASSERT_STR("1234567890123", fmt_ll("%lld", 1234567890123LL));
  ASSERT_STR("-1234567890123", fmt_ll("%lli", -1234567890123LL));
  ASSERT_STR("-9223372036854775808", fmt_ll("%lld", LLONG_MIN));
  ASSERT_STR("9223372036854775807", fmt_ll("%lld", LLONG_MAX));
  ASSERT_STR("18446744073709551615", fmt_ll("%llu", (long long)ULLONG_MAX));
  ASSERT_STR("123456789abcdef", fmt_ll("%llx", 0x123456789abcdefLL));
  ASSERT_STR("0X123456789ABCDEF", fmt_ll("%#llX", 0x123456789abcdefLL));
  ASSERT_STR("1777777777777777777777", fmt_ll("%llo", -1LL));
  ASSERT_STR("0", fmt_ll("%lld", 0LL));
  ASSERT_STR("                 -42", fmt_ll("%20lld", -42LL));
  ASSERT_STR("42                  |", fmt_ll("%-20lld|", 42LL));
  ASSERT_STR("+7", fmt_ll("%+lld", 7LL));
  ASSERT_STR("-000000000000099999999999", fmt_ll("%025lld", -99999999999LL));
  ASSERT_STR("000000000000005", fmt_ll("%.15lld", 5LL));
  sprintf(buf, "%lld|%d|%llu|%s", 5000000000LL, -3, 4294967296ULL, "end");
  ASSERT_STR("5000000000|-3|4294967296|end", buf);
  sprintf(buf, "%" PRId64 " %" PRIu64 " %" PRIx64 " %" PRId32, (int64_t)-5000000000LL, (uint64_t)UINT64_C(18000000000),
          (uint64_t)INT64_C(0x7b00000000), (int32_t)-9);
  ASSERT_STR("-5000000000 18000000000 7b00000000 -9", buf);

  /* strtoll, strtoull */
  errno = 0;
  ASSERT_LL(-9223372036854775807LL - 1, strtoll("  -9223372036854775808xyz", &end, 10));
  ASSERT_STR("xyz", end);
  ASSERT(0, errno);
  ASSERT_LL(LLONG_MAX, strtoll("9223372036854775808", &end, 10));
  ASSERT(ERANGE, errno);
  errno = 0;
  ASSERT_LL(LLONG_MIN, strtoll("-99999999999999999999", NULL, 10));
  ASSERT(ERANGE, errno);
  errno = 0;
  ASSERT_LL(0x7fffffffffLL, strtoll("0x7fffffffff", NULL, 0));
  ASSERT_LL(01234567012345LL, strtoll("01234567012345", NULL, 0));
  ASSERT_LL(35LL * 36 * 36 * 36 * 36 * 36 * 36 * 36, strtoll("z0000000", NULL, 36));
  ASSERT_LL(ULLONG_MAX, strtoull("0xFFFFFFFFFFFFFFFF", NULL, 0));
  ASSERT(0, errno);
  ASSERT_LL(ULLONG_MAX, strtoull("18446744073709551616", NULL, 10));
  ASSERT(ERANGE, errno);
  errno = 0;
  ASSERT_LL(ULLONG_MAX, strtoull("-1", NULL, 10));
  ASSERT_LL(0, strtoull("0x", &end, 16));
  ASSERT_STR("x", end);
  text = "  +12";
  ASSERT_LL(0, strtoll(text, NULL, 1));
  ASSERT(EINVAL, errno);

  /* atoll, llabs, limits */
  ASSERT_LL(123456789012LL, atoll("123456789012"));
  ASSERT_LL(5000000000LL, llabs(-5000000000LL));
  ASSERT_LL(5000000000LL, llabs(5000000000LL));
  ASSERT(8, sizeof(int64_t));
  ASSERT(8, sizeof(uint64_t));
  ASSERT_LL(INT64_MAX, LLONG_MAX);
  ASSERT_LL(UINT64_MAX, ULLONG_MAX);
  ASSERT(1, INT64_MIN < 0 && INT64_MIN == LLONG_MIN);
#if __SIZEOF_LONG_LONG__ != 8 || ULLONG_MAX != 18446744073709551615ULL || LLONG_MIN >= 0
  ASSERT(0, 1);
#endif
  return 0;
}
