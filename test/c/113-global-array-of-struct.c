/* A global table of structs with strings and numbers, searched at run
   time; one row partially initialized. */
#include "test.h"

struct entry { const char *key; int value; char flag; };

struct entry table[] = {
    { "one", 1, 'a' },
    { "two", 2, 'b' },
    { "three", 3 },
    { 0, 0, 0 }
};

static int lookup(const char *key)
{
    struct entry *e;
    for (e = table; e->key; e++)
        if (strcmp(e->key, key) == 0)
            return e->value;
    return -1;
}

int main(void)
{
    ASSERT(4, sizeof(table) / sizeof(table[0]));
    ASSERT(2, lookup("two"));
    ASSERT(3, lookup("three"));
    ASSERT(-1, lookup("four"));
    ASSERT(0, table[2].flag);
    ASSERT('b', table[1].flag);
    return 0;
}
