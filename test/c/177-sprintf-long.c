/* The l length modifier: %ld %li %lu %lx %lX %lo take a long argument. */
#include "test.h"

int main(void)
{
    char buf[64];
    long big = 2147483647L;
    long neg = -2147483647L - 1;
    unsigned long ul = 4294967295UL;
    sprintf(buf, "%ld", big);
    ASSERT_STR("2147483647", buf);
    sprintf(buf, "%ld", neg);
    ASSERT_STR("-2147483648", buf);
    sprintf(buf, "%li", -5L);
    ASSERT_STR("-5", buf);
    sprintf(buf, "%lu", ul);
    ASSERT_STR("4294967295", buf);
    sprintf(buf, "%lx", ul);
    ASSERT_STR("ffffffff", buf);
    sprintf(buf, "%lX", 0xABCL);
    ASSERT_STR("ABC", buf);
    sprintf(buf, "%lo", 64L);
    ASSERT_STR("100", buf);
    sprintf(buf, "%8ld|%-4lu|", -1L, 2UL);
    ASSERT_STR("      -1|2   |", buf);
    sprintf(buf, "%ld %d %lu", 1L, 2, 3UL);
    ASSERT_STR("1 2 3", buf);
    return 0;
}
