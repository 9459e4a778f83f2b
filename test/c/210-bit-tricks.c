/* Bit manipulation routines: population count, bit reversal, lowest set
   bit, rotate, power-of-two test. */
#include "test.h"

static int popcount(unsigned x)
{
    int n = 0;
    while (x) {
        x &= x - 1;
        n++;
    }
    return n;
}

static unsigned reverse(unsigned x)
{
    unsigned r = 0;
    int i;
    for (i = 0; i < 32; i++) {
        r = (r << 1) | (x & 1);
        x >>= 1;
    }
    return r;
}

static unsigned rotl(unsigned x, int n) { return (x << n) | (x >> (32 - n)); }

int main(void)
{
    ASSERT(0, popcount(0));
    ASSERT(32, popcount(0xFFFFFFFFu));
    ASSERT(16, popcount(0xAAAAAAAAu));
    ASSERT(1, reverse(1) == 0x80000000u);
    ASSERT(1, reverse(0x12345678u) == 0x1E6A2C48u);
    ASSERT(8, 40 & -40);
    ASSERT(1, rotl(0x80000001u, 1) == 3);
    ASSERT(1, rotl(0x12345678u, 8) == 0x34567812u);
    ASSERT(1, (64 & 63) == 0);
    ASSERT(0, (96 & 95) == 0);
    return 0;
}
