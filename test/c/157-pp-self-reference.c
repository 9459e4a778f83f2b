/* A macro is not expanded inside its own expansion, so self-referential
   macros terminate; indirect self-reference too. */
#include "test.h"

int main(void)
{
    int x = 5;
    int y = 7;
#define x (x + 1)
#define y z
#define z (y * 2)
    ASSERT(6, x);
    ASSERT(14, y);
#undef x
#undef y
#undef z
    ASSERT(5, x);
    return 0;
}
