/* Functions returning structs by value, small and large. */
#include "test.h"

struct pt { int x, y; };
struct big { int v[8]; };
struct tiny { char c; };

static struct pt make(int x, int y)
{
    struct pt p;
    p.x = x;
    p.y = y;
    return p;
}

static struct big fill(int base)
{
    struct big b;
    int i;
    for (i = 0; i < 8; i++)
        b.v[i] = base + i;
    return b;
}

static struct tiny tiny_of(char c)
{
    struct tiny t;
    t.c = c;
    return t;
}

int main(void)
{
    struct pt p = make(5, 6);
    struct big b = fill(10);
    struct tiny t;
    ASSERT(5, p.x);
    ASSERT(6, p.y);
    ASSERT(17, b.v[7]);
    ASSERT(7, make(7, 8).x);
    ASSERT(13, fill(10).v[3]);
    p = make(p.y, p.x);
    ASSERT(6, p.x);
    ASSERT(5, p.y);
    t = tiny_of('q');
    ASSERT('q', t.c);
    return 0;
}
