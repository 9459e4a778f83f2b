/* Signed division truncates toward zero; the remainder takes the sign of
   the dividend, and (a/b)*b + a%b == a. */
#include "test.h"

static int check(int a, int b)
{
    return (a / b) * b + a % b == a;
}

int main(void)
{
    int m7 = -7, p7 = 7, m2 = -2, p2 = 2;
    ASSERT(-3, m7 / p2);
    ASSERT(-1, m7 % p2);
    ASSERT(-3, p7 / m2);
    ASSERT(1, p7 % m2);
    ASSERT(3, m7 / m2);
    ASSERT(-1, m7 % m2);
    ASSERT(0, -1 / 2);
    ASSERT(-1, -1 % 2);
    ASSERT(1, check(-7, 2));
    ASSERT(1, check(7, -2));
    ASSERT(1, check(-7, -2));
    ASSERT(1, check(-2147483647 - 1, 3));
    ASSERT(-715827882, (-2147483647 - 1) / 3);
    ASSERT(-2, (-2147483647 - 1) % 3);
    ASSERT(-1, m7 / p7);
    ASSERT(0, m7 % p7);
    return 0;
}
