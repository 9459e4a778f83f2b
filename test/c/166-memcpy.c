/* memcpy copies exactly n bytes (including NULs) and returns dst; works for
   every small length and alignment. */
#include "test.h"

int main(void)
{
    unsigned char src[64], dst[80];
    int len, off, i, bad = 0;
    for (i = 0; i < 64; i++)
        src[i] = (unsigned char)(i * 7 + 1);
    src[10] = 0;
    for (off = 0; off < 4; off++)
        for (len = 0; len <= 40; len++) {
            memset(dst, 0xEE, sizeof(dst));
            if (memcpy(dst + off, src + (3 - off), len) != dst + off)
                bad++;
            for (i = 0; i < off; i++)
                if (dst[i] != 0xEE)
                    bad++;
            for (i = 0; i < len; i++)
                if (dst[off + i] != src[3 - off + i])
                    bad++;
            if (dst[off + len] != 0xEE)
                bad++;
        }
    ASSERT(0, bad);
    {
        struct { int a; char b[5]; } x = { 9, "four" }, y;
        memcpy(&y, &x, sizeof(x));
        ASSERT(9, y.a);
        ASSERT_STR("four", y.b);
    }
    return 0;
}
