/* The ## operator pastes tokens: building identifiers, numbers, and
   function names. */
#include "test.h"

#define CAT(a, b) a##b
#define XCAT(a, b) CAT(a, b)
#define MAKE_GETTER(name) static int get_##name(void) { return name; }
#define PREFIX pre

static int alpha = 1, beta = 2;
MAKE_GETTER(alpha)
MAKE_GETTER(beta)

int main(void)
{
    int xy = 77;
    int prefix = 5;
    int prePREFIX = 6;
    ASSERT(77, CAT(x, y));
    ASSERT(12, CAT(1, 2));
    ASSERT(255, CAT(0x, FF));
    ASSERT(1, get_alpha());
    ASSERT(2, get_beta());
    ASSERT(6, CAT(pre, PREFIX));
    ASSERT(5, XCAT(PREFIX, fix));
    return 0;
}
