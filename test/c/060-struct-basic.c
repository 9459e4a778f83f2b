/* Structs: declaration, member access, member assignment, locals. */
#include "test.h"

struct point {
    int x;
    int y;
};

int main(void)
{
    struct point p;
    struct point q = { 3, 4 };
    p.x = 1;
    p.y = 2;
    ASSERT(1, p.x);
    ASSERT(2, p.y);
    ASSERT(3, q.x);
    ASSERT(4, q.y);
    p.x += q.y;
    ASSERT(5, p.x);
    ASSERT(8, sizeof(p));
    ASSERT(8, sizeof(struct point));
    {
        struct { char c; int n; } anon;
        anon.c = 'z';
        anon.n = 99;
        ASSERT('z', anon.c);
        ASSERT(99, anon.n);
    }
    return 0;
}
