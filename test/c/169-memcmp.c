/* memcmp compares bytes as unsigned char, does not stop at NUL, and
   compares exactly n bytes. */
#include "test.h"

#define SIGN(x) ((x) > 0 ? 1 : (x) < 0 ? -1 : 0)

int main(void)
{
    char a[] = "ab\0cd";
    char b[] = "ab\0ce";
    unsigned char hi[1] = { 0x90 }, lo[1] = { 0x10 };
    ASSERT(0, memcmp(a, b, 4));
    ASSERT(-1, SIGN(memcmp(a, b, 5)));
    ASSERT(1, SIGN(memcmp(b, a, 6)));
    ASSERT(0, memcmp(a, b, 0));
    ASSERT(1, SIGN(memcmp(hi, lo, 1)));
    ASSERT(-1, SIGN(memcmp(lo, hi, 1)));
    ASSERT(0, memcmp("same", "same", 5));
    return 0;
}
