/* The sieve of Eratosthenes up to 1000 on a char array. */
#include "test.h"

int main(void)
{
    static char composite[1001];
    int i, j, count = 0, last = 0;
    for (i = 2; i * i <= 1000; i++)
        if (!composite[i])
            for (j = i * i; j <= 1000; j += i)
                composite[j] = 1;
    for (i = 2; i <= 1000; i++)
        if (!composite[i]) {
            count++;
            last = i;
        }
    ASSERT(168, count);
    ASSERT(997, last);
    ASSERT(1, composite[999]);
    ASSERT(0, composite[541]);
    return 0;
}
