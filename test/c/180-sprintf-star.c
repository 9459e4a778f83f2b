/* Width and precision given as * take an int argument; a negative width
   means left-justify. */
#include "test.h"

int main(void)
{
    char buf[64];
    sprintf(buf, "%*d|", 5, 42);
    ASSERT_STR("   42|", buf);
    sprintf(buf, "%-*d|", 4, 7);
    ASSERT_STR("7   |", buf);
    sprintf(buf, "%*d|", -4, 7);
    ASSERT_STR("7   |", buf);
    sprintf(buf, "%.*s|", 3, "abcdef");
    ASSERT_STR("abc|", buf);
    sprintf(buf, "%*.*d|", 6, 3, 5);
    ASSERT_STR("   005|", buf);
    return 0;
}
