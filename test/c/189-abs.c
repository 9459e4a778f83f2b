/* abs: absolute value of ints. */
#include "test.h"

int main(void)
{
    int m = -17;
    ASSERT(5, abs(5));
    ASSERT(5, abs(-5));
    ASSERT(0, abs(0));
    ASSERT(17, abs(m));
    ASSERT(2147483647, abs(-2147483647));
    ASSERT(2147483647, abs(2147483647));
    return 0;
}
