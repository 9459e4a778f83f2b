/* sprintf flags '0' (pad with zeros after the sign) and '#' (0x / 0X / 0
   prefixes); '-' overrides '0', and a precision disables '0' for
   integers. */
#include "test.h"

int main(void)
{
    char buf[64];
    sprintf(buf, "%05d", 42);
    ASSERT_STR("00042", buf);
    sprintf(buf, "%05d", -42);
    ASSERT_STR("-0042", buf);
    sprintf(buf, "%+05d", 42);
    ASSERT_STR("+0042", buf);
    sprintf(buf, "%08x", 0xbeef);
    ASSERT_STR("0000beef", buf);
    sprintf(buf, "%-05d|", 42);
    ASSERT_STR("42   |", buf);
    sprintf(buf, "%08.3d|", 7);
    ASSERT_STR("     007|", buf);
    sprintf(buf, "%#x", 255);
    ASSERT_STR("0xff", buf);
    sprintf(buf, "%#X", 255);
    ASSERT_STR("0XFF", buf);
    sprintf(buf, "%#o", 8);
    ASSERT_STR("010", buf);
    sprintf(buf, "%#x", 0);
    ASSERT_STR("0", buf);
    sprintf(buf, "%#o", 0);
    ASSERT_STR("0", buf);
    sprintf(buf, "%#10x|", 0x1f);
    ASSERT_STR("      0x1f|", buf);
    sprintf(buf, "%#010x|", 0x1f);
    ASSERT_STR("0x0000001f|", buf);
    sprintf(buf, "%03u", 5u);
    ASSERT_STR("005", buf);
    return 0;
}
