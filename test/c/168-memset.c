/* memset fills n bytes with the low byte of its int argument and returns
   the pointer. */
#include "test.h"

int main(void)
{
    unsigned char buf[40];
    int words[4];
    int i, bad = 0;
    memset(buf, 0x11, sizeof(buf));
    ASSERT(1, memset(buf + 3, 0x1AB, 30) == buf + 3);
    for (i = 0; i < 40; i++)
        if (buf[i] != (i >= 3 && i < 33 ? 0xAB : 0x11))
            bad++;
    ASSERT(0, bad);
    memset(words, 0, sizeof(words));
    ASSERT(0, words[0] | words[3]);
    memset(words, -1, sizeof(words));
    ASSERT(-1, words[2]);
    memset(words, 1, sizeof(words));
    ASSERT(0x01010101, words[1]);
    memset(buf, 'z', 0);
    ASSERT(0x11, buf[0]);
    return 0;
}
