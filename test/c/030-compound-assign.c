/* Every compound assignment operator, and the value it yields. */
#include "test.h"

int main(void)
{
    int x = 10;
    unsigned u = 0x80000000u;
    ASSERT(15, x += 5);
    ASSERT(12, x -= 3);
    ASSERT(36, x *= 3);
    ASSERT(7, x /= 5);
    ASSERT(3, x %= 4);
    ASSERT(24, x <<= 3);
    ASSERT(6, x >>= 2);
    ASSERT(2, x &= 3);
    ASSERT(10, x |= 8);
    ASSERT(15, x ^= 5);
    ASSERT(15, x);
    x = -20;
    x >>= 2;
    ASSERT(-5, x);
    u >>= 4;
    ASSERT(0x08000000, u);
    x = 7;
    {
        int y = 3;
        x += y *= 2;
        ASSERT(6, y);
    }
    ASSERT(13, x);
    return 0;
}
