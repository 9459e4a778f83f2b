/*
 * The strto* scanner (userland/lib/strtoll.c) counts in 32 bits while the
 * number fits and in 64 bits after: values at and around 2^32 in bases 10,
 * 16, 8 and 36, long runs of leading zeros, overflow found on either side
 * of the switch, the end pointer past every digit even after overflow, and
 * the 32-bit conversions' limits (where long is 32 bits, as on Hako and
 * gcc -m32).
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include "test.h"

int main(void) {
    char *end;

    errno = 0;
    ASSERT_LL(4294967295ULL, strtoull("4294967295", &end, 10));
    ASSERT(0, errno);
    ASSERT(0, *end);
    ASSERT_LL(4294967296ULL, strtoull("4294967296", NULL, 10));
    ASSERT_LL(4294967297ULL, strtoull("4294967297", NULL, 10));
    ASSERT_LL(42949672950ULL, strtoull("42949672950", NULL, 10));
    ASSERT_LL(0xffffffffULL, strtoull("ffffffff", NULL, 16));
    ASSERT_LL(0x100000000ULL, strtoull("0x100000000", NULL, 0));
    ASSERT_LL(0x1ffffffffULL, strtoull("1ffffffff", NULL, 16));
    ASSERT_LL(040000000000ULL, strtoull("040000000000", NULL, 0));
    ASSERT_LL(78364164095ULL, strtoull("zzzzzzz", NULL, 36));      /* 36^7 - 1 */
    ASSERT_LL(4294967296ULL, strtoull("0000000000000000000000004294967296", NULL, 10));
    ASSERT_LL(-4294967296LL, strtoll("-4294967296", NULL, 10));

    /* overflow after the switch to 64 bits: clamped, every digit read */
    errno = 0;
    ASSERT_LL(ULLONG_MAX, strtoull("99999999999999999999999", &end, 10));
    ASSERT(ERANGE, errno);
    ASSERT(0, *end);
    errno = 0;
    ASSERT_LL(LLONG_MIN, strtoll("-18446744073709551616!", &end, 10));
    ASSERT(ERANGE, errno);
    ASSERT('!', *end);

#if ULONG_MAX == 4294967295UL
    /* 32-bit long: the limit is met inside the 32-bit count or just past it */
    errno = 0;
    ASSERT(4294967295UL, strtoul("4294967295", NULL, 10));
    ASSERT(0, errno);
    ASSERT(4294967295UL, strtoul("4294967296", &end, 10));
    ASSERT(ERANGE, errno);
    ASSERT(0, *end);
    errno = 0;
    ASSERT(2147483647L, strtol("3000000000", NULL, 10));           /* fits 32 bits, past LONG_MAX */
    ASSERT(ERANGE, errno);
    errno = 0;
    ASSERT(-2147483647L - 1, strtol("-2147483649", NULL, 10));
    ASSERT(ERANGE, errno);
    errno = 0;
    ASSERT(2147483647L, strtol("zzzzzz", NULL, 36));                /* 2176782335 */
    ASSERT(ERANGE, errno);
    errno = 0;
    ASSERT(4294967295UL, strtoul("-1", NULL, 10));
    ASSERT(0, errno);
#endif
    return 0;
}
