/* volatile: accepted on objects and pointees; every access happens, and
   values are the same as without it. */
#include "test.h"

volatile int flag = 3;

static int spin(volatile int *p, int n)
{
    int reads = 0;
    while (n-- > 0)
        reads += *p;
    return reads;
}

int main(void)
{
    volatile int v = 5;
    volatile char buf[4];
    int const volatile cv = 8;
    int i;
    v += 2;
    ASSERT(7, v);
    ASSERT(30, spin(&flag, 10));
    for (i = 0; i < 4; i++)
        buf[i] = (char)(i + 'a');
    ASSERT('d', buf[3]);
    ASSERT(8, cv);
    flag = 0;
    ASSERT(0, spin(&flag, 5));
    return 0;
}
