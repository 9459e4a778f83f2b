/* Function-like macros: arguments substituted textually, evaluated as many
   times as they appear; a name without ( is not an invocation. */
#include "test.h"

#define SQUARE(x) ((x) * (x))
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define ADD3(a, b, c) ((a) + (b) + (c))
#define BAD_SQUARE(x) x * x
#define ID(x) x
#define NOARGS() 42

static int (ID)(int v) { return v + 1000; }

int main(void)
{
    int i = 3;
    ASSERT(25, SQUARE(5));
    ASSERT(16, SQUARE(i + 1));
    ASSERT(7, BAD_SQUARE(i + 1));
    ASSERT(9, MAX(9, 2));
    ASSERT(-1, MAX(-1, -5));
    ASSERT(6, ADD3(1, 2, 3));
    ASSERT(42, NOARGS());
    ASSERT(4, MAX(i++, 0) + 0 * i);
    ASSERT(5, i);
    ASSERT(1001, (ID)(1));
    ASSERT(5, ID(5));
    ASSERT(9, SQUARE (3));
    return 0;
}
