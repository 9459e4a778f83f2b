/* typedef of structs (named and anonymous) and of function pointer types. */
#include "test.h"

typedef struct node { int v; struct node *next; } node_t;
typedef struct { int w, h; } size2d;
typedef int (*binop)(int, int);
typedef int unop_fn(int);

static int add(int a, int b) { return a + b; }
static int twice(int a) { return 2 * a; }

int main(void)
{
    node_t a, b;
    size2d s = { 3, 4 };
    binop f = add;
    unop_fn *g = twice;
    a.v = 1;
    a.next = &b;
    b.v = 2;
    b.next = NULL;
    ASSERT(2, a.next->v);
    ASSERT(12, s.w * s.h);
    ASSERT(7, f(3, 4));
    ASSERT(14, g(f(3, 4)));
    ASSERT(8, sizeof(node_t));
    return 0;
}
