/* Struct tags, typedef names, members and variables live in separate name
   spaces: the same identifier can be used for each. */
#include "test.h"

struct thing { int thing; };
typedef struct thing thing_t;

int main(void)
{
    struct thing thing;
    thing_t other;
    thing.thing = 3;
    other.thing = 4;
    ASSERT(7, thing.thing + other.thing);
    {
        struct thing { char c; } inner;
        inner.c = 'i';
        ASSERT(1, sizeof(struct thing));
        ASSERT('i', inner.c);
    }
    ASSERT(4, sizeof(struct thing));
    return 0;
}
