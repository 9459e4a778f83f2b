/* Calling functions: arguments, return values, calls in expressions. */
#include "test.h"

static int add(int a, int b) { return a + b; }
static int sub(int a, int b) { return a - b; }
static int seven(void) { return 7; }
static void nothing(void) { }

int main(void)
{
    ASSERT(5, add(2, 3));
    ASSERT(-1, sub(2, 3));
    ASSERT(7, seven());
    ASSERT(10, add(add(1, 2), add(3, 4)));
    ASSERT(4, sub(seven(), add(1, 2)));
    ASSERT(21, seven() * 3);
    nothing();
    ASSERT(1, add(sub(5, 2), -2));
    return 0;
}
