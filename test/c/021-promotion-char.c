/* Integer promotions of char: arithmetic happens in int, so sums of chars
   do not wrap until stored back into a char. */
#include "test.h"

int main(void)
{
    char a = 100, b = 100;
    unsigned char ua = 200, ub = 100;
    char c;
    ASSERT(200, a + b);
    c = a + b;
    ASSERT(-56, c);
    ASSERT(300, ua + ub);
    ASSERT(4, sizeof(a + b));
    ASSERT(4, sizeof(+a));
    ASSERT(1, sizeof(a));
    ASSERT(-100, -ub);
    ASSERT(-201, ~ua);
    ASSERT(40000, ua * ua);
    ASSERT(1, (unsigned char)(ua + ub) == 44);
    ASSERT(-128, (char)(a + 28));
    return 0;
}
