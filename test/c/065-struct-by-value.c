/* Structs passed by value: the callee gets a copy. */
#include "test.h"

struct pt { int x, y; };
struct big { int v[10]; char c; };

static int sum(struct pt p) { return p.x + p.y; }

static int clobber(struct pt p)
{
    p.x = 1000;
    return p.x;
}

static int big_sum(struct big b, int extra)
{
    int i, s = extra;
    for (i = 0; i < 10; i++)
        s += b.v[i];
    b.v[0] = -1;
    return s + b.c;
}

int main(void)
{
    struct pt p = { 3, 4 };
    struct big b;
    int i;
    ASSERT(7, sum(p));
    ASSERT(1000, clobber(p));
    ASSERT(3, p.x);
    for (i = 0; i < 10; i++)
        b.v[i] = i;
    b.c = 2;
    ASSERT(52, big_sum(b, 5));
    ASSERT(0, b.v[0]);
    return 0;
}
