/* long and unsigned long are 32 bits here: they behave like int and
   unsigned. */
#include "test.h"

int main(void)
{
    long a = 2147483647L;
    unsigned long b = 4294967295UL;
    long c = -100000L;
    ASSERT(4, sizeof(long));
    ASSERT(4, sizeof(unsigned long));
    ASSERT(4, sizeof(long int));
    ASSERT(4, sizeof(a));
    ASSERT(1, a + 0 == 2147483647);
    ASSERT(0, b + 1);
    ASSERT(-1000000000, c * 10000);
    ASSERT(429496729, b / 10);
    ASSERT(-33333, c / 3);
    ASSERT(-1, c % 3);
    {
        long int li = 5;
        unsigned long int uli = 6;
        signed long sl = -7;
        ASSERT(4, li + sl + (long)uli - 0);
    }
    return 0;
}
