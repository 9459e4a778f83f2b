/* qsort on ints: random, already sorted, reversed, all equal, one element,
   with a comparator that avoids overflow. */
#include "test.h"

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int sorted(int *a, int n)
{
    int i;
    for (i = 1; i < n; i++)
        if (a[i - 1] > a[i])
            return 0;
    return 1;
}

int main(void)
{
    int a[100];
    int i, sum = 0, after = 0;
    unsigned seed = 7;
    for (i = 0; i < 100; i++) {
        seed = seed * 1103515245u + 12345u;
        a[i] = (int)(seed >> 8) - 4000000;
        sum += a[i] & 0xFF;
    }
    qsort(a, 100, sizeof(int), cmp_int);
    ASSERT(1, sorted(a, 100));
    for (i = 0; i < 100; i++)
        after += a[i] & 0xFF;
    ASSERT(sum, after);
    qsort(a, 100, sizeof(int), cmp_int);
    ASSERT(1, sorted(a, 100));
    for (i = 0; i < 100; i++)
        a[i] = 100 - i;
    qsort(a, 100, sizeof(int), cmp_int);
    ASSERT(1, sorted(a, 100));
    ASSERT(1, a[0]);
    ASSERT(100, a[99]);
    for (i = 0; i < 50; i++)
        a[i] = 3;
    qsort(a, 50, sizeof(int), cmp_int);
    ASSERT(3, a[49]);
    a[0] = 9;
    qsort(a, 1, sizeof(int), cmp_int);
    ASSERT(9, a[0]);
    qsort(a, 0, sizeof(int), cmp_int);
    ASSERT(9, a[0]);
    {
        int ext[4] = { 2147483647, -2147483647 - 1, 0, -1 };
        qsort(ext, 4, sizeof(int), cmp_int);
        ASSERT(-2147483647 - 1, ext[0]);
        ASSERT(2147483647, ext[3]);
    }
    return 0;
}
