/* Variadic arguments of mixed types: char and short arrive promoted to
   int, pointers and unsigned values come back intact; a format string
   drives the reading. */
#include "test.h"
#include <stdarg.h>

struct pt { int x, y; };

static int fold(const char *fmt, ...)
{
    va_list ap;
    int acc = 0;
    va_start(ap, fmt);
    for (; *fmt; fmt++) {
        switch (*fmt) {
        case 'i': acc += va_arg(ap, int); break;
        case 'u': acc += (int)(va_arg(ap, unsigned) % 1000); break;
        case 's': acc += (int)strlen(va_arg(ap, char *)); break;
        case 'p': acc += *va_arg(ap, int *); break;
        case 'l': acc += (int)va_arg(ap, long); break;
        case 'c': acc += va_arg(ap, int) == 'x' ? 1000 : 0; break;
        }
    }
    va_end(ap);
    return acc;
}

static int after_fixed(int a, char b, const char *fmt, ...)
{
    va_list ap;
    int r;
    va_start(ap, fmt);
    r = a + b + va_arg(ap, int) + (int)strlen(fmt);
    va_end(ap);
    return r;
}

int main(void)
{
    int seven = 7;
    char c = 'x';
    short s = -300;
    char small = -2;
    ASSERT(3, fold("i", 3));
    ASSERT(295, fold("u", 4294967295u));
    ASSERT(5, fold("s", "hello"));
    ASSERT(7, fold("p", &seven));
    ASSERT(-100000, fold("l", -100000L));
    ASSERT(1000, fold("c", c));
    ASSERT(-302, fold("ii", s, small));
    ASSERT(1015, fold("cisp", c, 3, "hello", &seven));
    ASSERT(1 + 2 + 3 + 3, after_fixed(1, 2, "abc", 3));
    return 0;
}
