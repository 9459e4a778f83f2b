/* Unsigned shifts: right shift brings in zeros. */
#include "test.h"

int main(void)
{
    unsigned x = 0x80000000u;
    unsigned y = 0xF0F0F0F0u;
    int n = 4;
    ASSERT(0x40000000, x >> 1);
    ASSERT(1, x >> 31);
    ASSERT(0x0F0F0F0F, y >> n);
    ASSERT(0x0F0F0F00, y << n);
    ASSERT(1, (y << 4) == 0x0F0F0F00u);
    ASSERT(0xF0, y >> 24);
    ASSERT(1, (1u << 31) == x);
    ASSERT(0, 1u << 31 >> 31 << 31 >> 30 >> 2);
    ASSERT(1, (0xFFFFFFFFu >> 28) == 15u);
    return 0;
}
