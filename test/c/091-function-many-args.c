/* Functions with many arguments: all arrive in order at the right place. */
#include "test.h"

static int weigh8(int a, int b, int c, int d, int e, int f, int g, int h)
{
    return a * 1 + b * 2 + c * 3 + d * 4 + e * 5 + f * 6 + g * 7 + h * 8;
}

static int pick(int i, int a, int b, int c, int d, int e, int f, int g,
                int h, int j, int k)
{
    switch (i) {
    case 0: return a;
    case 4: return e;
    case 9: return k;
    }
    return b + c + d + f + g + h + j;
}

int main(void)
{
    ASSERT(204, weigh8(1, 2, 3, 4, 5, 6, 7, 8));
    ASSERT(-33, weigh8(-1, 0, 0, 0, 0, 0, 0, -4));
    ASSERT(11, pick(0, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20));
    ASSERT(15, pick(4, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20));
    ASSERT(20, pick(9, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20));
    ASSERT(109, pick(1, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20));
    return 0;
}
