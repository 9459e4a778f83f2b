/* Viewing an int through a char pointer: the machine is little-endian. */
#include "test.h"

int main(void)
{
    unsigned x = 0x11223344u;
    unsigned char *b = (unsigned char *)&x;
    unsigned short *h = (unsigned short *)&x;
    int y = 0;
    ASSERT(0x44, b[0]);
    ASSERT(0x33, b[1]);
    ASSERT(0x22, b[2]);
    ASSERT(0x11, b[3]);
    ASSERT(0x3344, h[0]);
    ASSERT(0x1122, h[1]);
    b[0] = 0xFF;
    ASSERT(1, x == 0x112233FFu);
    ((char *)&y)[1] = 1;
    ASSERT(256, y);
    ((char *)&y)[3] = (char)0x80;
    ASSERT(1, y < 0);
    return 0;
}
