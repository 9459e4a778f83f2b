/* Integer matrix operations with 2-D arrays passed to functions: multiply,
   transpose, identity. */
#include "test.h"

#define N 4

static void multiply(int a[N][N], int b[N][N], int out[N][N])
{
    int i, j, k;
    for (i = 0; i < N; i++)
        for (j = 0; j < N; j++) {
            int s = 0;
            for (k = 0; k < N; k++)
                s += a[i][k] * b[k][j];
            out[i][j] = s;
        }
}

static void transpose(int m[N][N])
{
    int i, j;
    for (i = 0; i < N; i++)
        for (j = i + 1; j < N; j++) {
            int t = m[i][j];
            m[i][j] = m[j][i];
            m[j][i] = t;
        }
}

int main(void)
{
    int a[N][N], id[N][N], r[N][N];
    int i, j, same = 1;
    for (i = 0; i < N; i++)
        for (j = 0; j < N; j++) {
            a[i][j] = i * N + j - 3;
            id[i][j] = i == j;
        }
    multiply(a, id, r);
    for (i = 0; i < N; i++)
        for (j = 0; j < N; j++)
            if (r[i][j] != a[i][j])
                same = 0;
    ASSERT(1, same);
    multiply(a, a, r);
    ASSERT(2, r[0][0]);
    ASSERT(272, r[3][3]);
    transpose(a);
    ASSERT(10, a[1][3]);
    ASSERT(4, a[3][1]);
    return 0;
}
