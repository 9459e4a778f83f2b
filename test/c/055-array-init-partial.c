/* Partially initialized local arrays: the rest are zeros. */
#include "test.h"

int main(void)
{
    int a[8] = { 1, 2, 3 };
    int z[5] = { 0 };
    char c[6] = { 'a' };
    int m[3][3] = { { 1 }, { 2, 3 } };
    int i, sum = 0;
    for (i = 0; i < 8; i++)
        sum += a[i];
    ASSERT(6, sum);
    ASSERT(0, a[7]);
    ASSERT(0, z[4]);
    ASSERT(0, c[5]);
    ASSERT('a', c[0]);
    ASSERT(1, m[0][0]);
    ASSERT(0, m[0][2]);
    ASSERT(3, m[1][1]);
    ASSERT(0, m[2][2]);
    return 0;
}
