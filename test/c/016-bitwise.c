/* Bitwise operators & | ^ ~ on signed and unsigned values. */
#include "test.h"

int main(void)
{
    int a = 0x5A5A;
    int b = 0x0FF0;
    unsigned c = 0xFFFF0000u;
    ASSERT(0x0A50, a & b);
    ASSERT(0x5FFA, a | b);
    ASSERT(0x55AA, a ^ b);
    ASSERT(-0x5A5B, ~a);
    ASSERT(1, ~c == 0x0000FFFFu);
    ASSERT(0, a & 0);
    ASSERT(a, a | 0);
    ASSERT(0, a ^ a);
    ASSERT(-1, a ^ ~a);
    ASSERT(0x5A, a & 0xFF);
    /* precedence: & binds tighter than ^, which binds tighter than | */
    ASSERT(7, 1 | 4 ^ 3 & 6);
    ASSERT(1, (1 | 4 ^ 3 & 6) == (1 | (4 ^ (3 & 6))));
    ASSERT(0, 6 & 1 == 1);
    return 0;
}
