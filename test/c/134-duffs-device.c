/* Duff's device: case labels inside a do-while inside a switch. */
#include "test.h"

static void copy(char *to, const char *from, int count)
{
    int n = (count + 3) / 4;
    if (count == 0)
        return;
    switch (count % 4) {
    case 0: do { *to++ = *from++;
    case 3:      *to++ = *from++;
    case 2:      *to++ = *from++;
    case 1:      *to++ = *from++;
            } while (--n > 0);
    }
}

int main(void)
{
    char src[] = "abcdefghijklm";
    char dst[16];
    int len;
    for (len = 0; len <= 13; len++) {
        memset(dst, '.', sizeof(dst));
        copy(dst, src, len);
        ASSERT(0, memcmp(dst, src, len));
        ASSERT('.', dst[len]);
    }
    return 0;
}
