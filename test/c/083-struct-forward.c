/* Incomplete struct types: forward declarations and pointers to structs
   defined later; mutually referencing structs. */
#include "test.h"

struct later;
struct a_side;

struct b_side { int v; struct a_side *peer; };
struct a_side { int v; struct b_side *peer; };

static int peek(struct later *p);

struct later { int hidden; };

static int peek(struct later *p) { return p->hidden; }

int main(void)
{
    struct later l;
    struct a_side a;
    struct b_side b;
    l.hidden = 31;
    ASSERT(31, peek(&l));
    a.v = 1;
    b.v = 2;
    a.peer = &b;
    b.peer = &a;
    ASSERT(1, a.peer->peer->v);
    ASSERT(2, b.peer->peer->v);
    return 0;
}
