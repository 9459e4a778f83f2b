/* Three-dimensional arrays with an initializer. */
#include "test.h"

int main(void)
{
    int a[2][3][4] = {
        { { 0, 1, 2, 3 }, { 4, 5, 6, 7 }, { 8, 9, 10, 11 } },
        { { 12, 13, 14, 15 }, { 16, 17, 18, 19 }, { 20, 21, 22, 23 } }
    };
    int i, j, k, sum = 0;
    for (i = 0; i < 2; i++)
        for (j = 0; j < 3; j++)
            for (k = 0; k < 4; k++)
                sum += a[i][j][k];
    ASSERT(276, sum);
    ASSERT(17, a[1][1][1]);
    ASSERT(96, sizeof(a));
    ASSERT(48, sizeof(a[1]));
    ASSERT(16, sizeof(a[1][2]));
    ASSERT(22, *(**(a + 1) + 10));
    return 0;
}
