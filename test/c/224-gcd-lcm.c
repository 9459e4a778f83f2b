/* Number theory loops: iterative gcd, lcm, modular exponentiation with
   unsigned arithmetic, digit sums. */
#include "test.h"

static unsigned gcd(unsigned a, unsigned b)
{
    while (b) {
        unsigned t = a % b;
        a = b;
        b = t;
    }
    return a;
}

static unsigned modpow(unsigned base, unsigned exp, unsigned mod)
{
    unsigned result = 1;
    base %= mod;
    while (exp) {
        if (exp & 1)
            result = result * base % mod;
        base = base * base % mod;
        exp >>= 1;
    }
    return result;
}

static int digit_sum(unsigned n)
{
    int s = 0;
    for (; n; n /= 10)
        s += n % 10;
    return s;
}

int main(void)
{
    ASSERT(6, gcd(48, 18));
    ASSERT(1, gcd(4294967291u, 4294967279u));
    ASSERT(144, 48 / gcd(48, 18) * 18);
    ASSERT(1, modpow(2, 10, 1000) == 24);
    ASSERT(1, modpow(3, 200, 50000) == 44001);
    ASSERT(45, digit_sum(123456789));
    ASSERT(57, digit_sum(4294967295u));
    return 0;
}
