/* sprintf field widths: right-justified by default, never truncating. */
#include "test.h"

int main(void)
{
    char buf[64];
    sprintf(buf, "%5d", 42);
    ASSERT_STR("   42", buf);
    sprintf(buf, "%5d", -42);
    ASSERT_STR("  -42", buf);
    sprintf(buf, "%2d", 12345);
    ASSERT_STR("12345", buf);
    sprintf(buf, "%1d", 0);
    ASSERT_STR("0", buf);
    sprintf(buf, "%6s|", "abc");
    ASSERT_STR("   abc|", buf);
    sprintf(buf, "%3c|", 'x');
    ASSERT_STR("  x|", buf);
    sprintf(buf, "%8x", 0xbeef);
    ASSERT_STR("    beef", buf);
    sprintf(buf, "%4u", 7u);
    ASSERT_STR("   7", buf);
    sprintf(buf, "%10s", "");
    ASSERT_STR("          ", buf);
    sprintf(buf, "[%3d][%-3d]", 1, 2);
    ASSERT_STR("[  1][2  ]", buf);
    return 0;
}
