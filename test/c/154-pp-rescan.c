/* Macro expansion rescans the result: macros expanding to other macros,
   to function-like macro names, and arguments expanded before
   substitution. */
#include "test.h"

#define ONE 1
#define TWO (ONE + ONE)
#define FOUR (TWO * TWO)
#define APPLY(f, x) f(x)
#define DOUBLE(x) (2 * (x))
#define F DOUBLE
#define COMPOSE(x) DOUBLE(DOUBLE(x))

int main(void)
{
    ASSERT(4, FOUR);
    ASSERT(14, APPLY(DOUBLE, 7));
    ASSERT(10, F(5));
    ASSERT(20, COMPOSE(5));
    ASSERT(16, APPLY(DOUBLE, FOUR * TWO));
    ASSERT(8, DOUBLE(DOUBLE(TWO)));
    return 0;
}
