/* A dense switch (a jump table candidate) over many consecutive values,
   with values just outside the range. */
#include "test.h"

static int dense(int n)
{
    switch (n) {
    case 10: return 100;
    case 11: return 121;
    case 12: return 144;
    case 13: return 169;
    case 14: return 196;
    case 15: return 225;
    case 16: return 256;
    case 17: return 289;
    case 18: return 324;
    case 19: return 361;
    case 20: return 400;
    default: return -1;
    }
}

int main(void)
{
    int i, sum = 0;
    for (i = 10; i <= 20; i++) {
        ASSERT(i * i, dense(i));
        sum += dense(i);
    }
    ASSERT(2585, sum);
    ASSERT(-1, dense(9));
    ASSERT(-1, dense(21));
    ASSERT(-1, dense(-10));
    ASSERT(-1, dense(-2147483647 - 1));
    ASSERT(-1, dense(2147483647));
    return 0;
}
