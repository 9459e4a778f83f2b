/* One-dimensional arrays: indexing, assignment, loops, decay to pointer. */
#include "test.h"

int main(void)
{
    int a[10];
    int i, sum = 0;
    int *p;
    for (i = 0; i < 10; i++)
        a[i] = i * i;
    for (i = 0; i < 10; i++)
        sum += a[i];
    ASSERT(285, sum);
    ASSERT(81, a[9]);
    p = a;
    ASSERT(16, p[4]);
    a[a[2]] = 100;
    ASSERT(100, a[4]);
    ASSERT(1, a == &a[0]);
    return 0;
}
