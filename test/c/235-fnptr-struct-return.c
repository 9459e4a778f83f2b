/* Calling struct-returning functions through function pointers, and
   passing structs to functions called through pointers. */
#include "test.h"

struct pair { int a, b; };

static struct pair make(int a, int b)
{
    struct pair p;
    p.a = a;
    p.b = b;
    return p;
}

static struct pair flip(struct pair p) { return make(p.b, p.a); }

int main(void)
{
    struct pair (*mk)(int, int) = make;
    struct pair (*ops[2])(struct pair) = { flip, flip };
    struct pair p = mk(1, 2);
    ASSERT(2, p.b);
    p = ops[0](p);
    ASSERT(2, p.a);
    ASSERT(1, ops[1](ops[0](p)).b);
    ASSERT(9, mk(9, 8).a);
    return 0;
}
