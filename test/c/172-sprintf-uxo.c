/* sprintf %u %x %X %o: unsigned conversions of small and large values. */
#include "test.h"

int main(void)
{
    char buf[64];
    sprintf(buf, "%u", 4294967295u);
    ASSERT_STR("4294967295", buf);
    sprintf(buf, "%u", 0u);
    ASSERT_STR("0", buf);
    sprintf(buf, "%u", -1);
    ASSERT_STR("4294967295", buf);
    sprintf(buf, "%x", 255);
    ASSERT_STR("ff", buf);
    sprintf(buf, "%X", 255);
    ASSERT_STR("FF", buf);
    sprintf(buf, "%x", 0xDEADBEEFu);
    ASSERT_STR("deadbeef", buf);
    sprintf(buf, "%X", 0xDEADBEEFu);
    ASSERT_STR("DEADBEEF", buf);
    sprintf(buf, "%x", 0);
    ASSERT_STR("0", buf);
    sprintf(buf, "%x", -1);
    ASSERT_STR("ffffffff", buf);
    sprintf(buf, "%o", 8);
    ASSERT_STR("10", buf);
    sprintf(buf, "%o", 0777);
    ASSERT_STR("777", buf);
    sprintf(buf, "%o", 4294967295u);
    ASSERT_STR("37777777777", buf);
    sprintf(buf, "%o", 0);
    ASSERT_STR("0", buf);
    return 0;
}
