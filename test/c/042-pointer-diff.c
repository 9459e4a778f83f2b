/* Pointer difference counts elements, not bytes, and may be negative. */
#include "test.h"

struct big { int x[5]; };

int main(void)
{
    int a[10];
    short s[10];
    struct big b[4];
    char c[7];
    ASSERT(7, &a[9] - &a[2]);
    ASSERT(-7, &a[2] - &a[9]);
    ASSERT(5, &s[5] - s);
    ASSERT(3, &b[3] - &b[0]);
    ASSERT(60, (char *)&b[3] - (char *)&b[0]);
    ASSERT(7, (c + 7) - c);
    ASSERT(0, a - a);
    ASSERT(4, sizeof(&a[1] - &a[0]));
    return 0;
}
