/* Two-dimensional arrays: row-major layout, indexing, and row decay. */
#include "test.h"

int main(void)
{
    int m[3][4];
    int i, j;
    int *flat;
    for (i = 0; i < 3; i++)
        for (j = 0; j < 4; j++)
            m[i][j] = i * 10 + j;
    ASSERT(23, m[2][3]);
    ASSERT(12, m[1][2]);
    flat = &m[0][0];
    ASSERT(12, flat[1 * 4 + 2]);
    ASSERT(20, *m[2]);
    ASSERT(21, *(*(m + 2) + 1));
    ASSERT(48, sizeof(m));
    ASSERT(16, sizeof(m[0]));
    ASSERT(16, (char *)m[1] - (char *)m[0]);
    return 0;
}
