/* do-while: the body runs at least once; continue jumps to the test. */
#include "test.h"

int main(void)
{
    int n = 0, i = 0, digits = 0;
    unsigned v = 4294967295u;
    do
        n++;
    while (0);
    ASSERT(1, n);
    do {
        digits++;
        v /= 10;
    } while (v);
    ASSERT(10, digits);
    n = 0;
    do {
        i++;
        if (i % 2)
            continue;
        n += i;
    } while (i < 10);
    ASSERT(30, n);
    return 0;
}
