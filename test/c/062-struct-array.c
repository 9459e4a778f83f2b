/* Arrays of structs: indexing, member access, initialization. */
#include "test.h"

struct item { int id; char tag; };

int main(void)
{
    struct item items[4] = { { 1, 'a' }, { 2, 'b' }, { 3, 'c' } };
    int i, sum = 0;
    for (i = 0; i < 4; i++)
        sum += items[i].id;
    ASSERT(6, sum);
    ASSERT('c', items[2].tag);
    ASSERT(0, items[3].id);
    ASSERT(0, items[3].tag);
    items[3].id = 10;
    ASSERT(10, items[3].id);
    ASSERT(32, sizeof(items));
    ASSERT(2, (&items[2])->id - 1);
    return 0;
}
