/* Integer arithmetic: + - * / % on ints, precedence and associativity. */
#include "test.h"

int main(void)
{
    int a = 17, b = 5;
    ASSERT(22, a + b);
    ASSERT(12, a - b);
    ASSERT(-12, b - a);
    ASSERT(85, a * b);
    ASSERT(3, a / b);
    ASSERT(2, a % b);
    ASSERT(47, 5 + 6 * 7);
    ASSERT(77, (5 + 6) * 7);
    ASSERT(1, 10 - 5 - 4);
    ASSERT(5, 100 / 10 / 2);
    ASSERT(4, 100 % 16 % 6);
    ASSERT(-85, -a * b);
    ASSERT(0, a * 0);
    ASSERT(17, a / 1);
    ASSERT(0, a % 1);
    ASSERT(1000000, 1000 * 1000);
    ASSERT(2147483647, 2147483646 + 1);
    ASSERT(-2147483647 - 1, -2147483647 - 1);
    return 0;
}
