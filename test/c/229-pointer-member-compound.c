/* Compound assignment and ++/-- through struct pointers and array members:
   the lvalue address is computed once. */
#include "test.h"

struct acc { int total; short hits[4]; char *cursor; };

static int calls;
static struct acc *get(struct acc *a) { calls++; return a; }

int main(void)
{
    struct acc a = { 0, { 0 }, 0 };
    char text[] = "abc";
    int i;
    a.cursor = text;
    for (i = 0; i < 4; i++) {
        get(&a)->total += i * 10;
        get(&a)->hits[i % 2]++;
    }
    ASSERT(60, a.total);
    ASSERT(8, calls);
    ASSERT(2, a.hits[0]);
    ASSERT(2, a.hits[1]);
    ASSERT('a', *get(&a)->cursor++);
    ASSERT('b', *a.cursor);
    ASSERT(9, calls);
    get(&a)->hits[3] -= 5;
    ASSERT(-5, a.hits[3]);
    get(&a)->total <<= 2;
    ASSERT(240, a.total);
    ASSERT(11, calls);
    return 0;
}
