/* Compound literals (C99 6.5.2.5): `(T){ … }` is an unnamed object of type
 * T — static at file scope, automatic in a function (initialized each time
 * the expression is evaluated) — and an lvalue: its address may be taken,
 * its members assigned. (c-testsuite 00149, 00150, 00216.) */
#include "test.h"

struct point { int x, y; };
struct pair { struct point a; struct point *pb; int arr[2]; };

struct point *gp = &(struct point){ 1, 2 };
struct pair *gpair = &(struct pair){ { .y = 2, .x = 1 }, &(struct point){ 7, 8 }, { [1] = 4, [0] = 3 } };
int *gints = (int[]){ 10, 20, 30 };
struct pair gcopy = { (struct point){ 5, 6 }, 0, { 1 } };

static int sum(const int *a, int n)
{
    int s = 0;
    while (n-- > 0)
        s += a[n];
    return s;
}

static struct point add(struct point a, struct point b)
{
    return (struct point){ a.x + b.x, a.y + b.y };
}

int main(void)
{
    struct point p;
    struct point *q;
    int i, total = 0;

    ASSERT(1, gp->x);
    ASSERT(2, gp->y);
    ASSERT(1, gpair->a.x);
    ASSERT(2, gpair->a.y);
    ASSERT(8, gpair->pb->y);
    ASSERT(3, gpair->arr[0]);
    ASSERT(4, gpair->arr[1]);
    ASSERT(30, gints[2]);
    ASSERT(5, gcopy.a.x);
    ASSERT(6, gcopy.a.y);
    ASSERT(1, gcopy.arr[0]);

    p = (struct point){ 3, 4 };
    ASSERT(3, p.x);
    ASSERT(4, p.y);
    p = (struct point){ .y = 9 };        /* unnamed members are zero */
    ASSERT(0, p.x);
    ASSERT(9, p.y);
    ASSERT(60, sum((int[]){ 10, 20, 30 }, 3));
    ASSERT(12, sizeof((int[]){ 1, 2, 3 }));
    ASSERT(7, (int){ 7 });
    q = &(struct point){ 1, 1 };
    q->x = 40;
    ASSERT(40, q->x);
    ASSERT(2, ((struct point){ 1, 2 }).y);
    i = (struct point){ 5, 6 }.y;        /* postfix operators apply to the literal */
    ASSERT(6, i);
    p = add((struct point){ 1, 2 }, (struct point){ 10, 20 });
    ASSERT(11, p.x);
    ASSERT(22, p.y);

    /* A literal in a loop is initialized afresh each time round. */
    for (i = 0; i < 3; i++) {
        int *a = (int[2]){ i, 100 };
        total += a[0] + a[1];
        a[1] = 0;
    }
    ASSERT(303, total);
    return 0;
}
