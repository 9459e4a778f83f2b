/* Recursive functions: factorial, fibonacci, gcd, power. */
#include "test.h"

static int fact(int n) { return n <= 1 ? 1 : n * fact(n - 1); }
static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
static int gcd(int a, int b) { return b == 0 ? a : gcd(b, a % b); }

static unsigned power(unsigned base, unsigned exp)
{
    unsigned half;
    if (exp == 0)
        return 1;
    half = power(base, exp / 2);
    return exp % 2 ? half * half * base : half * half;
}

int main(void)
{
    ASSERT(1, fact(0));
    ASSERT(120, fact(5));
    ASSERT(479001600, fact(12));
    ASSERT(0, fib(0));
    ASSERT(55, fib(10));
    ASSERT(6765, fib(20));
    ASSERT(6, gcd(48, 18));
    ASSERT(1, gcd(17, 5));
    ASSERT(1024, power(2, 10));
    ASSERT(1, power(3, 20) == 3486784401u);
    return 0;
}
