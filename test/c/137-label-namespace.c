/* Labels have their own name space and function scope. */
#include "test.h"

static int f(void)
{
    int done = 0;
    goto done;
    done = 5;
done:
    return done + 1;
}

static int g(void)
{
    goto done;    /* a different 'done' than f's */
done:
    return 2;
}

int main(void)
{
    ASSERT(1, f());
    ASSERT(2, g());
    return 0;
}
