/* Variadic functions with stdarg: a count followed by that many ints. */
#include "test.h"
#include <stdarg.h>

static int sum(int count, ...)
{
    va_list ap;
    int i, total = 0;
    va_start(ap, count);
    for (i = 0; i < count; i++)
        total += va_arg(ap, int);
    va_end(ap);
    return total;
}

static int nth(int n, ...)
{
    va_list ap;
    int v = 0;
    va_start(ap, n);
    while (n-- >= 0)
        v = va_arg(ap, int);
    va_end(ap);
    return v;
}

int main(void)
{
    ASSERT(0, sum(0));
    ASSERT(5, sum(1, 5));
    ASSERT(15, sum(5, 1, 2, 3, 4, 5));
    ASSERT(-3, sum(3, -1, -1, -1));
    ASSERT(55, sum(10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
    ASSERT(30, nth(2, 10, 20, 30, 40));
    ASSERT(10, nth(0, 10, 20, 30, 40));
    return 0;
}
