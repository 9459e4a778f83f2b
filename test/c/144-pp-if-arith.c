/* #if with constant expressions: arithmetic, comparison, logic, ternary,
   unknown identifiers as 0, character constants, nesting. */
#include "test.h"

#define LEVEL 3
#define FLAGS (1 << 2 | 1)

int main(void)
{
    int r = 0;
#if LEVEL * 2 + 1 == 7
    r += 1;
#endif
#if LEVEL > 5 || (FLAGS & 4)
    r += 2;
#endif
#if UNDEFINED_NAME
    r += 1000;
#endif
#if !UNDEFINED_NAME && LEVEL
    r += 4;
#endif
#if (LEVEL ? 10 : 20) == 10
    r += 8;
#endif
#if 'A' == 65
    r += 16;
#endif
#if -1 < 0 && 10 / 3 == 3 && 10 % 3 == 1 && (7 >> 1) == 3
    r += 32;
#endif
#if 0
#if 1
    r += 2000;
#endif
#else
    r += 64;
#endif
#if 0x10 == 16 && 010 == 8
    r += 128;
#endif
    ASSERT(255, r);
    return 0;
}
