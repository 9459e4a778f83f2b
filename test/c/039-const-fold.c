/* Constant expressions give the same results whether folded at compile time
   or computed at run time from variables. */
#include "test.h"

int main(void)
{
    int s5 = 5, s3 = 3, m7 = -7;
    unsigned u = 0xFFFFFFF0u;
    ASSERT(s5 * s3 + m7, 5 * 3 + -7);
    ASSERT(m7 / s3, -7 / 3);
    ASSERT(m7 % s3, -7 % 3);
    ASSERT(m7 >> 1, -7 >> 1);
    ASSERT(u / 16, 0xFFFFFFF0u / 16);
    ASSERT(u >> 4, 0xFFFFFFF0u >> 4);
    ASSERT(1, (u > 0) == (0xFFFFFFF0u > 0));
    ASSERT((char)(s5 * 60), (char)(5 * 60));
    ASSERT((unsigned char)(m7), (unsigned char)-7);
    ASSERT(~s5 & 0xFF, ~5 & 0xFF);
    ASSERT(s5 < s3 ? 1 : 2, 5 < 3 ? 1 : 2);
    ASSERT(-1 < 0u, m7 < 0u);
    return 0;
}
