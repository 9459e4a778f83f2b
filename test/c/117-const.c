/* const: read-only objects and pointers to const, const pointers; values
   are usable as usual. */
#include "test.h"

const int limit = 10;
const char banner[] = "const";
static const int table[3] = { 4, 5, 6 };

static int length(const char *s)
{
    const char *p = s;
    while (*p)
        p++;
    return p - s;
}

int main(void)
{
    const int local = limit * 2;
    int x = 1, y = 2;
    const int *pc = &x;
    int *const cp = &x;
    const int *const cpc = &y;
    ASSERT(20, local);
    ASSERT(5, length(banner));
    ASSERT(15, table[0] + table[1] + table[2]);
    pc = &y;
    ASSERT(2, *pc);
    *cp = 9;
    ASSERT(9, x);
    ASSERT(2, *cpc);
    ASSERT(4, sizeof(const int));
    return 0;
}
