/* && and || evaluate their right side only when needed: side effects in the
   skipped side must not happen. */
#include "test.h"

static int hits;
static int hit(int v) { hits++; return v; }

int main(void)
{
    int x = 0;
    int *np = 0;
    hits = 0;
    ASSERT(0, hit(0) && hit(1));
    ASSERT(1, hits);
    ASSERT(1, hit(1) || hit(0));
    ASSERT(2, hits);
    ASSERT(1, hit(0) || hit(1));
    ASSERT(4, hits);
    ASSERT(1, hit(1) && hit(1));
    ASSERT(6, hits);
    ASSERT(0, np && *np);
    ASSERT(1, !np || *np);
    ASSERT(0, x++ && x++);
    ASSERT(1, x);
    ASSERT(1, x++ || x++);
    ASSERT(2, x);
    ASSERT(1, 0 || (1 && (0 || 1)));
    if (np != 0 && *np == 3)
        return 1;
    return 0;
}
