/* Unsigned division and modulo: large dividends must not be treated as
   negative (div vs idiv). */
#include "test.h"

int main(void)
{
    unsigned a = 4294967295u;
    unsigned b = 2147483648u;
    unsigned c = 3000000000u;
    ASSERT(2147483647, a / 2);
    ASSERT(1, a % 2);
    ASSERT(1, a / b);
    ASSERT(2147483647, a % b);
    ASSERT(1000000000, c / 3);
    ASSERT(0, c % 3);
    ASSERT(428571428, c / 7);
    ASSERT(4, c % 7);
    ASSERT(0, 5u / c);
    ASSERT(5, 5u % c);
    ASSERT(429496729, a / 10u);
    ASSERT(5, a % 10u);
    /* An int operand is converted to unsigned first: -2 becomes 4294967294. */
    ASSERT(2147483647, (unsigned)-2 / 2);
    ASSERT(1, -2 / 2u > 1000);
    return 0;
}
