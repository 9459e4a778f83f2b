/* Globals initialized with function addresses, alone and in tables. */
#include "test.h"

static int inc(int x) { return x + 1; }
static int dec(int x) { return x - 1; }

int (*current)(int) = inc;
int (*table[2])(int) = { inc, dec };
struct command { const char *name; int (*run)(int); } commands[] = {
    { "inc", inc },
    { "dec", &dec }
};

int main(void)
{
    ASSERT(6, current(5));
    current = table[1];
    ASSERT(4, current(5));
    ASSERT(11, table[0](10));
    ASSERT(-1, commands[1].run(0));
    ASSERT_STR("inc", commands[0].name);
    ASSERT(1, commands[0].run == inc);
    return 0;
}
