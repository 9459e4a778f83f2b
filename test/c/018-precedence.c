/* Operator precedence across levels, checked against explicit parentheses. */
#include "test.h"

int main(void)
{
    int a = 3, b = 4, c = 5;
    ASSERT(23, a + b * c);
    ASSERT(1, a < b == b < c);
    ASSERT(1, a + b > c && c > a);
    ASSERT(48, a << 2 + 2);
    ASSERT(1, a & 1 && b);
    ASSERT(7, a | b & c);
    ASSERT(1, a == 3 || b / 0 == 1);
    ASSERT(4, a ? b : c);
    ASSERT(10, a > 5 ? b : c + c);
    ASSERT(2, -a + c);
    ASSERT(0, !a + !b);
    ASSERT(-13, -a * b - 1);
    ASSERT(17, a * b + c);
    ASSERT(2, a * b % c);
    ASSERT(16, b * c / a * 2 + 4);
    return 0;
}
