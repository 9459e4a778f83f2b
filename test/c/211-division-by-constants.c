/* Division and modulo by constants, especially powers of two, on negative
   dividends: must truncate toward zero (a plain arithmetic shift would
   round down). */
#include "test.h"

int main(void)
{
    int vals[6] = { -9, -8, -7, -1, 7, 2147483647 };
    int expect_div8[6] = { -1, -1, 0, 0, 0, 268435455 };
    int expect_mod8[6] = { -1, 0, -7, -1, 7, 7 };
    int expect_div3[6] = { -3, -2, -2, 0, 2, 715827882 };
    int expect_mod10[6] = { -9, -8, -7, -1, 7, 7 };
    int i;
    for (i = 0; i < 6; i++) {
        ASSERT(expect_div8[i], vals[i] / 8);
        ASSERT(expect_mod8[i], vals[i] % 8);
        ASSERT(expect_div3[i], vals[i] / 3);
        ASSERT(expect_mod10[i], vals[i] % 10);
        ASSERT(-expect_div8[i], vals[i] / -8);
    }
    ASSERT(-1, -2 / 2);
    ASSERT(-1, -3 / 2);
    ASSERT(-2, -65 / 32);
    ASSERT(-1, -65 % 32);
    ASSERT(1, (unsigned)-8 / 8 == 536870911u);
    return 0;
}
