/* Negative indexes through a pointer into the middle of an array. */
#include "test.h"

int main(void)
{
    int a[7] = { 1, 2, 3, 4, 5, 6, 7 };
    int *mid = &a[3];
    int i, sum = 0;
    for (i = -3; i <= 3; i++)
        sum += mid[i] * i;
    ASSERT(28, sum);
    ASSERT(1, mid[-3]);
    ASSERT(1, *(mid - 3));
    mid[-1] = 30;
    ASSERT(30, a[2]);
    return 0;
}
