/* Unsigned loop counters counting down past zero and comparisons that
   only work as unsigned. */
#include "test.h"

int main(void)
{
    unsigned i;
    int n = 0;
    unsigned char uc;
    for (i = 10; i-- > 0;)
        n++;
    ASSERT(10, n);
    ASSERT(1, i == 4294967295u);
    n = 0;
    for (i = 0; i < 3000000000u; i += 1000000000u)
        n++;
    ASSERT(3, n);
    n = 0;
    for (uc = 250; uc != 4; uc++)
        n++;
    ASSERT(10, n);
    return 0;
}
