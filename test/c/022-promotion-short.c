/* Integer promotions of short and unsigned short. */
#include "test.h"

int main(void)
{
    short a = 30000, b = 30000;
    unsigned short ua = 65535;
    short s;
    unsigned short us;
    ASSERT(60000, a + b);
    s = a + b;
    ASSERT(-5536, s);
    ASSERT(65536, ua + 1);
    us = ua + 1;
    ASSERT(0, us);
    ASSERT(-65535, -ua);
    ASSERT(4, sizeof(a * b));
    ASSERT(2, sizeof(a));
    ASSERT(900000000, a * b);
    ASSERT(1, (unsigned)ua * ua == 4294836225u);
    return 0;
}
