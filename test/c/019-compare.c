/* Relational and equality operators on signed ints, results are 0 or 1. */
#include "test.h"

int main(void)
{
    int a = -3, b = 2;
    ASSERT(1, a < b);
    ASSERT(0, a > b);
    ASSERT(1, a <= b);
    ASSERT(0, a >= b);
    ASSERT(0, a == b);
    ASSERT(1, a != b);
    ASSERT(1, a <= a);
    ASSERT(1, a >= a);
    ASSERT(0, a < a);
    ASSERT(1, (-2147483647 - 1) < 2147483647);
    ASSERT(0, 2147483647 < (-2147483647 - 1));
    ASSERT(1, -1 < 0);
    ASSERT(2, (a < b) + (b > a));
    ASSERT(1, (a < b) == 1);
    return 0;
}
