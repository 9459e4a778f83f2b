/* Function pointers: taking the address, calling with and without *,
   comparing, reassigning. */
#include "test.h"

static int square(int x) { return x * x; }
static int negate(int x) { return -x; }

int main(void)
{
    int (*f)(int) = square;
    int (*g)(int) = &negate;
    ASSERT(49, f(7));
    ASSERT(49, (*f)(7));
    ASSERT(-7, g(7));
    ASSERT(-7, (**g)(7));
    ASSERT(1, f == square);
    ASSERT(0, f == g);
    f = g;
    ASSERT(-3, f(3));
    ASSERT(1, f == &negate);
    ASSERT(1, f != NULL);
    return 0;
}
