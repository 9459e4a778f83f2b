/* Partially initialized structs: the remaining members are zero. */
#include "test.h"

struct rec { int a; int b; char s[4]; struct { int x, y; } in; int *p; };

int main(void)
{
    struct rec r = { 5 };
    struct rec q = { 1, 2, "ab" };
    ASSERT(5, r.a);
    ASSERT(0, r.b);
    ASSERT(0, r.s[0]);
    ASSERT(0, r.in.y);
    ASSERT(1, r.p == NULL);
    ASSERT('b', q.s[1]);
    ASSERT(0, q.s[3]);
    ASSERT(0, q.in.x);
    return 0;
}
