/* matmul: integer matrix multiply of two 2-D arrays; nested loops and
   index arithmetic. */
#include <stdio.h>

#define N 48

static int a[N][N], b[N][N], c[N][N];

int bench_main(void)
{
    int i, j, k, trace = 0;
    for (i = 0; i < N; i++)
        for (j = 0; j < N; j++) {
            a[i][j] = (i * 3 + j) % 17 - 8;
            b[i][j] = (i + j * 5) % 13 - 6;
        }
    for (i = 0; i < N; i++)
        for (j = 0; j < N; j++) {
            int s = 0;
            for (k = 0; k < N; k++)
                s += a[i][k] * b[k][j];
            c[i][j] = s;
        }
    for (i = 0; i < N; i++)
        trace += c[i][i] * (i + 1) + c[i][N - 1 - i];
    return trace;
}

int main(void)
{
    int r = bench_main();
    printf("matmul checksum %d\n", r);
    return r == 4490 ? 0 : 1;
}
