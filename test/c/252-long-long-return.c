/*
 * long long results, returned in edx:eax as gcc -m32 does: from plain,
 * static, recursive and variadic functions and through function pointers;
 * used at once in expressions, as arguments of other calls and as the
 * value of another return; a struct holding long longs still comes back
 * through the hidden pointer. Each call's result must survive the next
 * call (the caller keeps the pair in its own block).
 */
#include <stdarg.h>
#include "test.h"

typedef long long i64;
typedef unsigned long long u64;

static i64 make(int high, unsigned low) { return (i64)(((u64)(unsigned)high << 32) | low); }
static u64 umake(unsigned high, unsigned low) { return ((u64)high << 32) | low; }
i64 negate(i64 v) { return -v; }
static i64 pass_on(i64 v) { return negate(negate(v)); }
static i64 power3(int n) { return n == 0 ? 1 : 3 * power3(n - 1); }
static i64 sum(int n, ...) {
    va_list ap;
    i64 total = 0;
    va_start(ap, n);
    while (n-- > 0) total += va_arg(ap, i64);
    va_end(ap);
    return total;
}
struct pair { i64 a; int tag; i64 b; };
static struct pair both(i64 a, i64 b) { struct pair p; p.a = a; p.tag = 7; p.b = b; return p; }
static int count;
static i64 counted(i64 v) { count++; return v + 1; }
static u64 (*pick(int k))(unsigned, unsigned) { return k ? umake : 0; }

int main(void) {
    i64 (*fp)(i64) = negate;
    struct pair p;
    i64 x;

    ASSERT_LL(0x123456789abcdef0ULL, make(0x12345678, 0x9abcdef0u));
    ASSERT_LL(0xfffffffe00000001ULL, make(-2, 1));
    ASSERT_LL(0xffffffff00000000ULL, umake(0xffffffffu, 0));
    ASSERT_LL(-0x100000001LL, negate(0x100000001LL));
    ASSERT_LL(0x7fffffff80000000LL, pass_on(0x7fffffff80000000LL));
    ASSERT_LL(-5LL, fp(5));
    ASSERT_LL(0x100000000LL, (*fp)(-0x100000000LL));
    ASSERT_LL(0xdeadbeef00000001ULL, pick(1)(0xdeadbeefu, 1));
    ASSERT_LL(205891132094649LL, power3(30));   /* past 32 bits */
    ASSERT_LL(0x300000006LL, sum(3, 0x100000001LL, 0x100000002LL, 0x100000003LL));

    /* results in one expression, each kept while the next call runs */
    x = make(1, 2) + make(3, 4) * 2 - negate(make(0, 5));
    ASSERT_LL(0x70000000fLL, x);
    ASSERT(1, make(1, 0) > make(0, 0xffffffffu));
    ASSERT(1, umake(0, 1) < umake(1, 0));
    ASSERT_LL(0x200000002LL, counted(counted(0x200000000LL)));
    ASSERT(2, count);
    ASSERT(0x5678, (int)(make(0x1234, 0x5678) & 0xffff));

    /* a struct with long longs: still through the hidden pointer */
    p = both(make(9, 9), negate(1));
    ASSERT_LL(0x900000009LL, p.a);
    ASSERT(7, p.tag);
    ASSERT_LL(-1LL, p.b);
    ASSERT_LL(0x900000008LL, both(make(9, 9), 0).a - 1);
    return 0;
}
