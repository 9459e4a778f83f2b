/* Unary operators: - + ! ~ and their combinations. */
#include "test.h"

int main(void)
{
    int x = 5;
    int z = 0;
    ASSERT(-5, -x);
    ASSERT(5, +x);
    ASSERT(5, - -x);
    ASSERT(0, !x);
    ASSERT(1, !z);
    ASSERT(1, !!x);
    ASSERT(0, !!z);
    ASSERT(-6, ~x);
    ASSERT(5, ~~x);
    ASSERT(-1, ~z);
    ASSERT(4, -~x - 2);
    ASSERT(6, -~x);
    ASSERT(4, ~-x);
    ASSERT(1, !-x == 0);
    return 0;
}
