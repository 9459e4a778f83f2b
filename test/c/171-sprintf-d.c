/* sprintf %d and %i: zero, positive, negative, extremes. */
#include "test.h"

int main(void)
{
    char buf[64];
    sprintf(buf, "%d", 0);
    ASSERT_STR("0", buf);
    sprintf(buf, "%d", 123);
    ASSERT_STR("123", buf);
    sprintf(buf, "%d", -123);
    ASSERT_STR("-123", buf);
    sprintf(buf, "%d", 2147483647);
    ASSERT_STR("2147483647", buf);
    sprintf(buf, "%d", -2147483647 - 1);
    ASSERT_STR("-2147483648", buf);
    sprintf(buf, "%i", -7);
    ASSERT_STR("-7", buf);
    sprintf(buf, "%d%d%d", 1, 22, 333);
    ASSERT_STR("122333", buf);
    sprintf(buf, "x=%d, y=%i.", 10, -20);
    ASSERT_STR("x=10, y=-20.", buf);
    sprintf(buf, "%d", (char)-1);
    ASSERT_STR("-1", buf);
    sprintf(buf, "%d", (short)40000);
    ASSERT_STR("-25536", buf);
    return 0;
}
