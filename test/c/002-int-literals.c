/* Integer constants: decimal, octal, hex, suffixes, and their values. */
#include "test.h"

int main(void)
{
    ASSERT(0, 0);
    ASSERT(123, 123);
    ASSERT(8, 010);
    ASSERT(0777, 511);
    ASSERT(255, 0xff);
    ASSERT(255, 0XFF);
    ASSERT(0xABCDEF, 11259375);
    ASSERT(10, 10u);
    ASSERT(10, 10U);
    ASSERT(10, 10l);
    ASSERT(10, 10L);
    ASSERT(10, 10ul);
    ASSERT(10, 10LU);
    ASSERT(2147483647, 0x7fffffff);
    ASSERT(4, sizeof(10));
    ASSERT(4, sizeof(10u));
    ASSERT(4, sizeof(10L));
    /* 0xFFFFFFFF does not fit int, so it is unsigned int: positive. */
    ASSERT(1, 0xFFFFFFFF > 0);
    ASSERT(1, 037777777777 > 0);
    ASSERT(1, 4294967295u > 0);
    return 0;
}
