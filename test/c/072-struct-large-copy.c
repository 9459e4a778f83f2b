/* Copying a large struct (hundreds of bytes) by assignment and by value. */
#include "test.h"

struct blob { int words[100]; char tail[7]; };

static int checksum(struct blob b)
{
    int i, s = 0;
    for (i = 0; i < 100; i++)
        s += b.words[i] * (i + 1);
    return s + b.tail[6];
}

int main(void)
{
    struct blob a, b;
    int i;
    for (i = 0; i < 100; i++)
        a.words[i] = i;
    for (i = 0; i < 7; i++)
        a.tail[i] = (char)(i * 3);
    b = a;
    ASSERT(99, b.words[99]);
    ASSERT(18, b.tail[6]);
    ASSERT(333318, checksum(b));
    b.words[50] = 0;
    ASSERT(50, a.words[50]);
    ASSERT(408, sizeof(struct blob));
    return 0;
}
