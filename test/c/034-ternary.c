/* The conditional operator: only one arm is evaluated; it nests right to
   left; arms of different types meet in a common type. */
#include "test.h"

static int calls;
static int count(int v) { calls++; return v; }

int main(void)
{
    int x = 5;
    int *np = 0;
    char *s;
    ASSERT(1, x > 3 ? 1 : 2);
    ASSERT(2, x > 9 ? 1 : 2);
    ASSERT(3, x > 9 ? 1 : x > 7 ? 2 : x > 4 ? 3 : 4);
    calls = 0;
    ASSERT(10, x ? count(10) : count(20));
    ASSERT(1, calls);
    ASSERT(20, 0 ? count(10) : count(20));
    ASSERT(2, calls);
    /* int and unsigned arms: the result is unsigned */
    ASSERT(1, (x ? -1 : 0u) > 0);
    s = np ? "set" : "null";
    ASSERT_STR("null", s);
    ASSERT(0, np ? *np : 0);
    {
        int a = 1, b = 2;
        *(x ? &a : &b) = 9;
        ASSERT(9, a);
        ASSERT(2, b);
    }
    return 0;
}
