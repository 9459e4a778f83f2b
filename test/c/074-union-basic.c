/* Unions: members share storage at offset 0; the size is the largest
   member's. */
#include "test.h"

union word {
    unsigned u;
    unsigned char bytes[4];
    short halves[2];
};

int main(void)
{
    union word w;
    w.u = 0xA1B2C3D4u;
    ASSERT(0xD4, w.bytes[0]);
    ASSERT(0xA1, w.bytes[3]);
    ASSERT((short)0xC3D4, w.halves[0]);
    w.bytes[1] = 0;
    ASSERT(1, w.u == 0xA1B200D4u);
    ASSERT(4, sizeof(w));
    ASSERT(1, (void *)&w.u == (void *)w.bytes);
    {
        union { char c; int i; } x;
        x.i = 0;
        x.c = 'A';
        ASSERT(65, x.i);
    }
    return 0;
}
