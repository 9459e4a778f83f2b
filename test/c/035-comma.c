/* The comma operator evaluates left to right and yields the right value. */
#include "test.h"

int main(void)
{
    int a = 0, b = 0, c;
    int i, j;
    c = (a = 3, b = a + 1, a * b);
    ASSERT(3, a);
    ASSERT(4, b);
    ASSERT(12, c);
    ASSERT(7, (1, 2, 7));
    for (i = 0, j = 10; i < j; i++, j--)
        ;
    ASSERT(5, i);
    ASSERT(5, j);
    ASSERT(9, (a++, a++, a + b + 1 - 1 - 0 + 0 - 0 * 0 + 0, b + a));
    return 0;
}
