/* Callbacks: functions taking function pointers, with a context pointer. */
#include "test.h"

static void for_each(int *a, int n, void (*fn)(int *, void *), void *ctx)
{
    int i;
    for (i = 0; i < n; i++)
        fn(&a[i], ctx);
}

static void add_to_total(int *x, void *ctx) { *(int *)ctx += *x; }
static void scale(int *x, void *ctx) { *x *= *(int *)ctx; }

static int count_if(int *a, int n, int (*pred)(int))
{
    int i, c = 0;
    for (i = 0; i < n; i++)
        if (pred(a[i]))
            c++;
    return c;
}

static int is_positive(int v) { return v > 0; }

int main(void)
{
    int a[5] = { 1, -2, 3, -4, 5 };
    int total = 0;
    int factor = 3;
    for_each(a, 5, add_to_total, &total);
    ASSERT(3, total);
    for_each(a, 5, scale, &factor);
    ASSERT(-12, a[3]);
    ASSERT(3, count_if(a, 5, is_positive));
    return 0;
}
