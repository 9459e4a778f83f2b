/* A va_list passed to another function, which reads the arguments; two
   passes over the same arguments with va_start twice. */
#include "test.h"
#include <stdarg.h>

static int vsum(int count, va_list ap)
{
    int total = 0;
    while (count-- > 0)
        total += va_arg(ap, int);
    return total;
}

static int sum(int count, ...)
{
    va_list ap;
    int r;
    va_start(ap, count);
    r = vsum(count, ap);
    va_end(ap);
    return r;
}

static int max_then_count(int count, ...)
{
    va_list ap;
    int i, best = -2147483647 - 1, above = 0;
    va_start(ap, count);
    for (i = 0; i < count; i++) {
        int v = va_arg(ap, int);
        if (v > best)
            best = v;
    }
    va_end(ap);
    va_start(ap, count);
    for (i = 0; i < count; i++)
        if (va_arg(ap, int) * 2 > best)
            above++;
    va_end(ap);
    return best * 100 + above;
}

int main(void)
{
    ASSERT(10, sum(4, 1, 2, 3, 4));
    ASSERT(0, sum(0));
    ASSERT(902, max_then_count(5, 1, 9, 3, 5, 2));
    return 0;
}
