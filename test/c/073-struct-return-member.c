/* Members of struct rvalues returned by functions, and struct-returning
   calls used as arguments. */
#include "test.h"

struct pair { int first, second; };
struct wrap { struct pair p; char name[4]; };

static struct pair swap(struct pair p)
{
    struct pair r;
    r.first = p.second;
    r.second = p.first;
    return r;
}

static struct wrap wrap_of(int a, int b)
{
    struct wrap w;
    w.p.first = a;
    w.p.second = b;
    strcpy(w.name, "wr");
    return w;
}

int main(void)
{
    struct pair p = { 1, 2 };
    ASSERT(2, swap(p).first);
    ASSERT(1, swap(swap(p)).first);
    ASSERT(9, wrap_of(8, 9).p.second);
    ASSERT('r', wrap_of(0, 0).name[1]);
    ASSERT(4, swap(wrap_of(3, 4).p).first);
    return 0;
}
