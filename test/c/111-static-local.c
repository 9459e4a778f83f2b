/* Static locals keep their value between calls and are initialized once. */
#include "test.h"

static int counter(void)
{
    static int n = 10;
    return n++;
}

static int *stable_address(void)
{
    static int cell;
    return &cell;
}

static int other(void)
{
    static int n = 100;   /* a different object from counter's n */
    return ++n;
}

int main(void)
{
    ASSERT(10, counter());
    ASSERT(11, counter());
    ASSERT(101, other());
    ASSERT(12, counter());
    ASSERT(102, other());
    *stable_address() = 77;
    ASSERT(77, *stable_address());
    ASSERT(1, stable_address() == stable_address());
    return 0;
}
