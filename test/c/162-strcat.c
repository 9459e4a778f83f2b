/* strcat appends and returns dst. */
#include "test.h"

int main(void)
{
    char buf[32] = "abc";
    char *r = strcat(buf, "def");
    ASSERT(1, r == buf);
    ASSERT_STR("abcdef", buf);
    strcat(buf, "");
    ASSERT_STR("abcdef", buf);
    buf[0] = 0;
    strcat(buf, "x");
    strcat(buf, "y");
    strcat(strcat(buf, "1"), "2");
    ASSERT_STR("xy12", buf);
    ASSERT(4, strlen(buf));
    return 0;
}
