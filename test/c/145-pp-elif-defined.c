/* #elif chains and the defined operator, with and without parentheses. */
#include "test.h"

#define MODE 2
#define FEATURE

static int pick(void)
{
#if MODE == 1
    return 10;
#elif MODE == 2
    return 20;
#elif MODE == 3
    return 30;
#else
    return 0;
#endif
}

int main(void)
{
    int r = 0;
#if defined(FEATURE)
    r += 1;
#endif
#if defined FEATURE && !defined(MISSING)
    r += 2;
#endif
#if defined(MISSING)
    r += 100;
#elif defined MODE
    r += 4;
#else
    r += 200;
#endif
#if 0
    r += 300;
#elif 0
    r += 400;
#else
    r += 8;
#endif
    ASSERT(15, r);
    ASSERT(20, pick());
    return 0;
}
