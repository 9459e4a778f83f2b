/* Macro arguments containing commas inside parentheses, strings and char
   constants; empty arguments; arguments spanning lines. */
#include "test.h"

#define FIRST(a, b) a
#define SECOND(a, b) b
#define CALL(f, args) f args
#define OR_ZERO(x) (x + 0)

static int add(int a, int b) { return a + b; }

int main(void)
{
    ASSERT(3, FIRST(add(1, 2), 99));
    ASSERT(99, SECOND(add(1, 2), 99));
    ASSERT(',', FIRST(',', 0));
    ASSERT_STR("a,b", FIRST("a,b", "c"));
    ASSERT(7, CALL(add, (3, 4)));
    ASSERT(0, OR_ZERO());
    ASSERT(6, SECOND(x,
                     add(2,
                         4)));
    ASSERT(1, FIRST((1, 1), 2));
    return 0;
}
