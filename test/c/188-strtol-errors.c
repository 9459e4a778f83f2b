/* strtol edge cases: no digits leaves endptr at the start; out-of-range
   values clamp to LONG_MAX / LONG_MIN and set errno to ERANGE. */
#include "test.h"
#include <errno.h>

int main(void)
{
    char *end;
    const char *s;
    s = "   xyz";
    ASSERT(0, strtol(s, &end, 10));
    ASSERT(1, end == s);
    s = "-";
    ASSERT(0, strtol(s, &end, 10));
    ASSERT(1, end == s);
    s = "";
    ASSERT(0, strtol(s, &end, 10));
    ASSERT(1, end == s);
    errno = 0;
    s = "99999999999";
    ASSERT(2147483647, strtol(s, &end, 10));
    ASSERT(ERANGE, errno);
    ASSERT(11, end - s);
    errno = 0;
    ASSERT(-2147483647 - 1, strtol("-99999999999", NULL, 10));
    ASSERT(ERANGE, errno);
    errno = 0;
    ASSERT(2147483647, strtol("2147483647", NULL, 10));
    ASSERT(0, errno);
    ASSERT(-2147483647 - 1, strtol("-2147483648", NULL, 10));
    ASSERT(0, errno);
    ASSERT(2147483647, strtol("2147483648", NULL, 10));
    ASSERT(ERANGE, errno);
    errno = 0;
    ASSERT(2147483647, strtol("0x80000000", NULL, 16));
    ASSERT(ERANGE, errno);
    return 0;
}
