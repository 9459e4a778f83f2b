/* A default label in the middle: taken when no case matches, and falls
   through to the cases after it. */
#include "test.h"

static int classify(int n)
{
    int r = 0;
    switch (n) {
    case 1:
        r = 1;
        break;
    default:
        r = 50;
    case 2:
        r += 2;
        break;
    case 3:
        r = 3;
    }
    return r;
}

static int default_first(int n)
{
    switch (n) {
    default: return -1;
    case 0: return 0;
    case 7: return 7;
    }
}

int main(void)
{
    ASSERT(1, classify(1));
    ASSERT(2, classify(2));
    ASSERT(3, classify(3));
    ASSERT(52, classify(9));
    ASSERT(52, classify(-1));
    ASSERT(-1, default_first(5));
    ASSERT(7, default_first(7));
    ASSERT(0, default_first(0));
    return 0;
}
