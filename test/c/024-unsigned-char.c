/* unsigned char: 0..255, zero-extended on load, wraps on store. */
#include "test.h"

int main(void)
{
    unsigned char u = 255;
    unsigned char v = 0;
    unsigned char w = -1;
    unsigned char bytes[4];
    int i;
    ASSERT(255, u);
    ASSERT(255, w);
    u++;
    ASSERT(0, u);
    v--;
    ASSERT(255, v);
    for (i = 0; i < 4; i++)
        bytes[i] = 250 + i * 3;
    ASSERT(250, bytes[0]);
    ASSERT(253, bytes[1]);
    ASSERT(0, bytes[2]);
    ASSERT(3, bytes[3]);
    ASSERT(1, (unsigned char)0x1FF == 255);
    ASSERT(1, v > 0);
    return 0;
}
