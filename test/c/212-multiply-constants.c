/* Multiplication by constants (candidates for shifts and adds) gives the
   same results as by variables, including negative operands and wrap. */
#include "test.h"

int main(void)
{
    int xs[5] = { 0, 1, -3, 12345, -2147483647 };
    int k[6] = { 2, 3, 5, 10, 64, -7 };
    int i;
    for (i = 0; i < 5; i++) {
        int x = xs[i];
        if (x > -100000) {
            ASSERT(x * k[0], x * 2);
            ASSERT(x * k[1], x * 3);
            ASSERT(x * k[2], x * 5);
            ASSERT(x * k[3], x * 10);
            ASSERT(x * k[4], x * 64);
            ASSERT(x * k[5], x * -7);
        }
        ASSERT(x, x * 1);
        ASSERT(0, x * 0);
        ASSERT(1, (unsigned)x * 9u == (unsigned)x * (unsigned)(k[1] * 3));
    }
    return 0;
}
