/* Nested switches: inner break leaves only the inner switch; case labels
   belong to the innermost switch. */
#include "test.h"

static int nested(int a, int b)
{
    int r = 0;
    switch (a) {
    case 0:
        switch (b) {
        case 0: r = 1; break;
        case 1: r = 2; break;
        default: r = 3;
        }
        r += 10;
        break;
    case 1:
        switch (b) {
        case 0: r = 4;
        case 1: r += 5; break;
        }
        r += 20;
    default:
        r += 100;
    }
    return r;
}

int main(void)
{
    ASSERT(11, nested(0, 0));
    ASSERT(12, nested(0, 1));
    ASSERT(13, nested(0, 9));
    ASSERT(129, nested(1, 0));
    ASSERT(125, nested(1, 1));
    ASSERT(120, nested(1, 2));
    ASSERT(100, nested(2, 0));
    return 0;
}
