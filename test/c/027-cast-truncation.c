/* Casts to narrower types keep the low bits. */
#include "test.h"

int main(void)
{
    int x = 0x12345678;
    unsigned u = 0xDEADBEEFu;
    ASSERT(0x78, (unsigned char)x);
    ASSERT(0x5678, (unsigned short)x);
    ASSERT(0x78, (char)x);
    ASSERT(0x5678, (short)x);
    ASSERT(0xEF, (unsigned char)u);
    ASSERT(-17, (char)u);
    ASSERT(0xBEEF, (unsigned short)u);
    ASSERT(-16657, (short)u);
    ASSERT(1, (unsigned)(unsigned char)-1 == 255);
    ASSERT(0, (unsigned char)256);
    ASSERT(1, (int)(unsigned short)(x >> 16) == 0x1234);
    return 0;
}
