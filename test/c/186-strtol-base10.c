/* strtol in base 10: value, sign, whitespace and where endptr stops. */
#include "test.h"

int main(void)
{
    char *end;
    const char *s;
    s = "12345";
    ASSERT(12345, strtol(s, &end, 10));
    ASSERT(5, end - s);
    s = "  -678xyz";
    ASSERT(-678, strtol(s, &end, 10));
    ASSERT(6, end - s);
    ASSERT('x', *end);
    s = "+9";
    ASSERT(9, strtol(s, &end, 10));
    ASSERT(2, end - s);
    s = "00042";
    ASSERT(42, strtol(s, &end, 10));
    s = "7 8";
    ASSERT(7, strtol(s, &end, 10));
    ASSERT(8, strtol(end, &end, 10));
    ASSERT(0, *end);
    ASSERT(55, strtol("55", NULL, 10));
    return 0;
}
