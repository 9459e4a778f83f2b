/* long and unsigned int are both 32 bits, so long cannot hold every
   unsigned value: long meeting unsigned becomes unsigned long. */
#include "test.h"

int main(void)
{
    long m = -1L;
    unsigned one = 1u;
    ASSERT(0, m < one);
    ASSERT(1, m > one);
    ASSERT(1, m + one == 0);
    ASSERT(1, (m + 0u) / 2 == 2147483647u);
    ASSERT(1, -1L < 1L);
    ASSERT(1, m < (long)one);
    ASSERT(4, sizeof(m + one));
    return 0;
}
