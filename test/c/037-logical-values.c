/* Logical and relational operators yield exactly 0 or 1, usable as ints. */
#include "test.h"

int main(void)
{
    int a = 42, z = 0;
    int v;
    ASSERT(1, a && a);
    ASSERT(1, 5 && -3);
    ASSERT(1, z || a);
    ASSERT(0, z || z);
    ASSERT(1, !z);
    v = (a > 10) + (a > 20) + (a > 50);
    ASSERT(2, v);
    v = (a && 7) * 10;
    ASSERT(10, v);
    ASSERT(1, (a == 42) == 1);
    ASSERT(4, sizeof(a && a));
    ASSERT(1, (0x100 && 0x100) == 1);
    return 0;
}
