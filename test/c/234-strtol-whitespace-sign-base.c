/* strtol combining whitespace, a sign and a 0x prefix with base 16 and 0;
   a lone "0x" parses just the 0. */
#include "test.h"

int main(void)
{
    char *end;
    const char *s;
    ASSERT(-26, strtol("  -0x1A", NULL, 16));
    ASSERT(-26, strtol("\t-0x1a", NULL, 0));
    ASSERT(26, strtol("+0x1a", NULL, 0));
    ASSERT(-8, strtol(" -010", NULL, 0));
    s = "0x";
    ASSERT(0, strtol(s, &end, 16));
    ASSERT(1, end - s);
    s = "0xg";
    ASSERT(0, strtol(s, &end, 0));
    ASSERT(1, end - s);
    return 0;
}
