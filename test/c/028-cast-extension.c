/* Widening casts: signed types sign-extend, unsigned types zero-extend. */
#include "test.h"

int main(void)
{
    char c = -2;
    unsigned char uc = 254;
    short s = -3;
    unsigned short us = 65533;
    ASSERT(-2, (int)c);
    ASSERT(254, (int)uc);
    ASSERT(-3, (int)s);
    ASSERT(65533, (int)us);
    ASSERT(1, (unsigned)c == 4294967294u);
    ASSERT(1, (unsigned)s == 4294967293u);
    ASSERT(-2, (short)c);
    ASSERT(254, (unsigned short)uc);
    ASSERT(65534, (unsigned short)c);
    ASSERT(-2, (char)uc);
    ASSERT(-3, (long)s);
    return 0;
}
