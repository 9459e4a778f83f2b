/* #ifdef, #ifndef and #undef; a macro can be redefined after #undef. */
#include "test.h"

#define A 1

int main(void)
{
    int r = 0;
#ifdef A
    r += A;
#endif
#ifndef B
    r += 10;
#endif
#undef A
#ifdef A
    r += 1000;
#endif
#define A 100
    r += A;
#undef A
#undef NEVER_DEFINED
#ifndef A
    r += 1000;
#else
    r += 5000;
#endif
    ASSERT(1111, r);
    return 0;
}
