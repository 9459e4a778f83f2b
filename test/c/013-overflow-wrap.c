/* Wraparound: unsigned arithmetic is modulo 2^32; conversion of an
   out-of-range value to int wraps (two's complement, as on gcc). */
#include "test.h"

int main(void)
{
    unsigned u = 4294967295u;
    unsigned z = 0;
    int i;
    ASSERT(0, u + 1);
    ASSERT(1, u + 2 == 1);
    ASSERT(1, z - 1 == 4294967295u);
    ASSERT(1, (unsigned)(z - 1) > 0);
    ASSERT(1, u * u == 1);
    ASSERT(1, 65536u * 65536u == 0);
    ASSERT(1, 65537u * 65537u == 131073u);
    i = (int)2147483648u;
    ASSERT(-2147483647 - 1, i);
    i = (int)u;
    ASSERT(-1, i);
    i = (int)(2147483647u + 2u);
    ASSERT(-2147483647, i);
    ASSERT(1, (unsigned)-1 == u);
    ASSERT(1, -u == 1);
    return 0;
}
