/* sprintf flags '-' (left-justify), '+' (always a sign) and ' ' (space for
   a positive sign); '+' wins over ' '. */
#include "test.h"

int main(void)
{
    char buf[64];
    sprintf(buf, "%-5d|", 42);
    ASSERT_STR("42   |", buf);
    sprintf(buf, "%-5d|", -42);
    ASSERT_STR("-42  |", buf);
    sprintf(buf, "%-6s|", "ab");
    ASSERT_STR("ab    |", buf);
    sprintf(buf, "%+d", 5);
    ASSERT_STR("+5", buf);
    sprintf(buf, "%+d", -5);
    ASSERT_STR("-5", buf);
    sprintf(buf, "%+d", 0);
    ASSERT_STR("+0", buf);
    sprintf(buf, "% d", 5);
    ASSERT_STR(" 5", buf);
    sprintf(buf, "% d", -5);
    ASSERT_STR("-5", buf);
    sprintf(buf, "%+ d", 5);
    ASSERT_STR("+5", buf);
    sprintf(buf, "%-+5d|", 3);
    ASSERT_STR("+3   |", buf);
    sprintf(buf, "%+5d|", 3);
    ASSERT_STR("   +3|", buf);
    sprintf(buf, "%-3c|", 'q');
    ASSERT_STR("q  |", buf);
    return 0;
}
