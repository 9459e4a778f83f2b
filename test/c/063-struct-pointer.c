/* Pointers to structs and the -> operator; (*p).m is the same as p->m. */
#include "test.h"

struct account { int id; int balance; };

static void deposit(struct account *a, int amount) { a->balance += amount; }

int main(void)
{
    struct account acc = { 7, 100 };
    struct account *p = &acc;
    struct account arr[2] = { { 1, 10 }, { 2, 20 } };
    struct account *q = arr;
    ASSERT(7, p->id);
    ASSERT(100, (*p).balance);
    deposit(p, 50);
    ASSERT(150, acc.balance);
    deposit(&arr[1], 5);
    ASSERT(25, arr[1].balance);
    q++;
    ASSERT(2, q->id);
    ASSERT(25, q->balance);
    ASSERT(1, &p->balance == &acc.balance);
    ASSERT(1, (q - 1)->id);
    return 0;
}
