/* Shifts and bitwise operators on char, unsigned char and short operands
   happen after promotion to int: sign matters for right shifts and ~. */
#include "test.h"

int main(void)
{
    char c = (char)0x80;
    unsigned char uc = 0x80;
    short s = (short)0x8000;
    unsigned short us = 0x8000;
    ASSERT(-64, c >> 1);
    ASSERT(64, uc >> 1);
    ASSERT(-16384, s >> 1);
    ASSERT(16384, us >> 1);
    ASSERT(256, uc << 1);
    ASSERT(-129, ~uc + 0 - 0);
    ASSERT(127, ~c);
    ASSERT(0x7FFF, ~s);
    ASSERT(-32769, ~us);
    ASSERT(0xFF80, (unsigned short)c);
    ASSERT(1, (c & 0xFF) == 0x80);
    ASSERT(1, (uc ^ 0xFF) == 0x7F);
    return 0;
}
