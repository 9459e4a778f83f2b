/* Array parameters may carry qualifiers and `static` inside the brackets
 * (C99 6.7.5.3), and a prototype may say `[*]`: the parameter is the
 * pointer it decays to. (c-testsuite 00162.) */
#include "test.h"

static int sum(int n, const int a[static 4]);
static void fill(int x[const 5], int v);
static int first(int a[restrict *]);
static int first(int a[restrict 3]);

static int sum(int n, const int a[static 4])
{
    int s = 0;
    while (n-- > 0)
        s += a[n];
    return s;
}

static void fill(int x[const 5], int v)
{
    int k;
    for (k = 0; k < 5; k++)
        x[k] = v + k;
}

static int first(int a[restrict 3])
{
    return a[0];
}

int main(void)
{
    int v[5];
    fill(v, 10);
    ASSERT(10 + 11 + 12 + 13, sum(4, v));
    ASSERT(10, first(v));
    ASSERT(sizeof(void *), sizeof(int (*)(int [volatile 5])));
    return 0;
}
