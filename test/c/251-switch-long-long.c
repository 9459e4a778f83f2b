/*
 * switch on long long and unsigned long long: case values that differ only
 * in the high 32 bits, negative ones, values past 32 bits, int constants
 * converted to the switch's type (-1 is 0xffffffffffffffff in an unsigned
 * switch), fall-through, default first, last or missing, a nested switch, a
 * switch in a loop with continue, and a controlling expression with a side
 * effect evaluated exactly once. The compiler turns the 64-bit switch into
 * an int switch on the index of the matching case, so dense and sparse
 * case sets are both checked.
 */
#include "test.h"

typedef long long i64;
typedef unsigned long long u64;

static int classify(i64 v) {
    switch (v) {
    case 0: return 1;
    case 1: return 2;
    case -1: return 3;
    case 0x100000000LL: return 4;          /* low half 0, as case 0 */
    case 0x100000001LL: return 5;          /* low half 1, as case 1 */
    case -0x100000000LL: return 6;
    case 0x7fffffffffffffffLL: return 7;
    case -0x7fffffffffffffffLL - 1: return 8;
    case 'A': return 9;
    case 4294967295LL: return 10;          /* 0xffffffff: not -1 */
    }
    return 0;
}

static int classify_unsigned(u64 v) {
    switch (v) {
    default: return 0;
    case -1: return 1;                    /* converted: 0xffffffffffffffff */
    case 0xffffffffU: return 2;
    case 1ULL << 63: return 3;
    case 5: return 4;
    case (1ULL << 32) + 5: return 5;
    }
}

static int fallthrough(i64 v) {
    int r = 0;
    switch (v) {
    case 10000000000LL:
        r += 1;
    case 20000000000LL:
        r += 10;
        break;
    case 30000000000LL:
        r += 100;
    default:
        r += 1000;
    }
    return r;
}

/* dense cases: 0..9 plus the same low halves in the next 4 GiB */
static int dense(u64 v) {
    switch (v) {
    case 0: return 100; case 1: return 101; case 2: return 102; case 3: return 103;
    case 4: return 104; case 5: return 105; case 6: return 106; case 7: return 107;
    case 8: return 108; case 9: return 109;
    case 0x100000003ULL: return 203;
    }
    return -1;
}

static int calls;
static i64 next_value(i64 v) { calls++; return v; }

int main(void) {
    volatile i64 big = 0x100000000LL;
    i64 k;
    int sum;

    ASSERT(1, classify(0));
    ASSERT(2, classify(1));
    ASSERT(3, classify(-1));
    ASSERT(4, classify(big));
    ASSERT(5, classify(big + 1));
    ASSERT(6, classify(-big));
    ASSERT(7, classify(0x7fffffffffffffffLL));
    ASSERT(8, classify(-0x7fffffffffffffffLL - 1));
    ASSERT(9, classify(65));
    ASSERT(10, classify(0xffffffffLL));
    ASSERT(0, classify(2));
    ASSERT(0, classify(big + 2));
    ASSERT(0, classify(-2));
    ASSERT(0, classify(0x200000000LL));

    ASSERT(1, classify_unsigned(0xffffffffffffffffULL));
    ASSERT(2, classify_unsigned(0xffffffffULL));
    ASSERT(3, classify_unsigned(0x8000000000000000ULL));
    ASSERT(4, classify_unsigned(5));
    ASSERT(5, classify_unsigned(0x100000005ULL));
    ASSERT(0, classify_unsigned(0x200000005ULL));
    ASSERT(0, classify_unsigned(0));

    ASSERT(11, fallthrough(10000000000LL));
    ASSERT(10, fallthrough(20000000000LL));
    ASSERT(1100, fallthrough(30000000000LL));
    ASSERT(1000, fallthrough(10000000000LL + 0x100000000LL));   /* same low half as a case */
    ASSERT(1000, fallthrough(40000000000LL));

    for (k = 0; k < 10; k++) ASSERT(100 + k, dense((u64)k));
    ASSERT(203, dense(0x100000003ULL));
    ASSERT(-1, dense(0x100000000ULL));
    ASSERT(-1, dense(10));

    /* nested: an int switch inside a long long one, and the other way round */
    sum = 0;
    for (k = -2; k <= 2; k++) {
        switch (k * 0x100000000LL) {
        case -0x200000000LL:
            sum += 1;
            continue;
        case 0:
            switch ((int)k) {
            case 0: sum += 10; break;
            default: sum += 10000; break;
            }
            break;
        case 0x200000000LL:
            switch ((u64)k) {
            case 2: sum += 100; break;
            }
            break;
        default:
            sum += 1000;
        }
    }
    ASSERT(2111, sum);

    /* the controlling expression runs once, whichever case matches */
    calls = 0;
    switch (next_value(big * 3)) {
    case 0x100000000LL: sum = 1; break;
    case 0x200000000LL: sum = 2; break;
    case 0x300000000LL: sum = 3; break;
    default: sum = 4;
    }
    ASSERT(3, sum);
    ASSERT(1, calls);
    switch (next_value(7)) {
    case 0x100000000LL: sum = 1; break;
    default: sum = 4;
    }
    ASSERT(4, sum);
    ASSERT(2, calls);

    /* no case at all, and only a default */
    switch (big) { }
    switch (big) { default: sum = 5; }
    ASSERT(5, sum);
    return 0;
}
