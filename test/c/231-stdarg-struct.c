/* Variadic arguments that are structs and pointers to structs, read back
   with va_arg of a struct type. */
#include "test.h"
#include <stdarg.h>

struct pt { int x, y; };

static int sum_points(int n, ...)
{
    va_list ap;
    int s = 0;
    va_start(ap, n);
    while (n-- > 0) {
        struct pt p = va_arg(ap, struct pt);
        s += p.x * 10 + p.y;
    }
    va_end(ap);
    return s;
}

int main(void)
{
    struct pt a = { 1, 2 }, b = { 3, 4 };
    ASSERT(46, sum_points(2, a, b));
    ASSERT(0, sum_points(0));
    return 0;
}
