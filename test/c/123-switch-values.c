/* switch on negative, large, sparse and char values, and on an expression
   with side effects (evaluated once); cases given by constant expressions. */
#include "test.h"

static int sparse(int n)
{
    switch (n) {
    case -2147483647 - 1: return 1;
    case -1000: return 2;
    case -1: return 3;
    case 0: return 4;
    case 1 << 20: return 5;
    case 2147483647: return 6;
    case 'A' + 2: return 7;
    case sizeof(int) * 100: return 8;
    }
    return 0;
}

static int calls;
static int bump(void) { return ++calls; }

int main(void)
{
    ASSERT(1, sparse(-2147483647 - 1));
    ASSERT(2, sparse(-1000));
    ASSERT(3, sparse(-1));
    ASSERT(4, sparse(0));
    ASSERT(5, sparse(1048576));
    ASSERT(6, sparse(2147483647));
    ASSERT(7, sparse('C'));
    ASSERT(8, sparse(400));
    ASSERT(0, sparse(12345));
    calls = 0;
    switch (bump()) {
    case 0: ASSERT(1, 0); break;
    case 1: break;
    case 2: ASSERT(1, 0); break;
    }
    ASSERT(1, calls);
    {
        unsigned u = 4000000000u;
        int hit = 0;
        switch (u) {
        case 4000000000u: hit = 1; break;
        case 1: hit = 2; break;
        }
        ASSERT(1, hit);
    }
    return 0;
}
