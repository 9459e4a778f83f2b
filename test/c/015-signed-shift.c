/* Signed shifts: right shift of a negative int is arithmetic (sign fills),
   as gcc and our compiler both define it; left shifts of small values. */
#include "test.h"

int main(void)
{
    int m = -16;
    int p = 1000;
    int n = 2;
    ASSERT(-8, m >> 1);
    ASSERT(-4, m >> n);
    ASSERT(-1, m >> 31);
    ASSERT(-1, -1 >> 10);
    ASSERT(250, p >> n);
    ASSERT(4000, p << n);
    ASSERT(1, (-2147483647 - 1) >> 31 == -1);
    ASSERT(1 << 30, 1 << 30);
    ASSERT(-3, -5 >> 1);
    return 0;
}
