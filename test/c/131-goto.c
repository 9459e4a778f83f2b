/* goto: forward and backward jumps, out of nested loops, and a loop built
   from goto alone. */
#include "test.h"

int main(void)
{
    int i = 0, j, n = 0;
again:
    n += i;
    i++;
    if (i < 5)
        goto again;
    ASSERT(10, n);
    for (i = 0; i < 10; i++)
        for (j = 0; j < 10; j++)
            if (i * j == 42)
                goto found;
    ASSERT(1, 0);
found:
    ASSERT(6, i);
    ASSERT(7, j);
    goto skip;
    n = 999;
skip:
    ASSERT(10, n);
    return 0;
}
