/* Pointer comparison: relational within an array, equality, against null. */
#include "test.h"

int main(void)
{
    int a[4];
    int *p = &a[1];
    int *q = &a[3];
    int *z = 0;
    ASSERT(1, p < q);
    ASSERT(0, p > q);
    ASSERT(1, p <= p);
    ASSERT(1, q >= p);
    ASSERT(1, p != q);
    ASSERT(1, p + 2 == q);
    ASSERT(1, z == 0);
    ASSERT(1, z == NULL);
    ASSERT(1, p != NULL);
    ASSERT(1, !z);
    ASSERT(0, !p);
    ASSERT(1, (void *)a == (void *)&a[0]);
    return 0;
}
