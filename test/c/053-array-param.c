/* Arrays passed to functions decay to pointers; the callee can modify
   the caller's array; 2-D parameters need the column count. */
#include "test.h"

static void fill(int a[], int n, int v)
{
    int i;
    for (i = 0; i < n; i++)
        a[i] = v + i;
}

static int trace(int m[][3], int n)
{
    int i, t = 0;
    for (i = 0; i < n; i++)
        t += m[i][i];
    return t;
}

static int param_size(int a[10]) { return sizeof(a); }

int main(void)
{
    int a[5];
    int m[3][3] = { { 1, 2, 3 }, { 4, 5, 6 }, { 7, 8, 9 } };
    fill(a, 5, 100);
    ASSERT(100, a[0]);
    ASSERT(104, a[4]);
    fill(a + 2, 2, 7);
    ASSERT(8, a[3]);
    ASSERT(15, trace(m, 3));
    ASSERT(4, param_size(a));
    return 0;
}
