/* char arrays initialized from string literals: sized by the literal, or
   larger with zero fill, or exactly the length without the NUL. */
#include "test.h"

int main(void)
{
    char a[] = "abc";
    char b[8] = "xy";
    char c[3] = "pqr";
    char d[2][4] = { "ab", "cde" };
    ASSERT(4, sizeof(a));
    ASSERT(0, a[3]);
    ASSERT(8, sizeof(b));
    ASSERT('y', b[1]);
    ASSERT(0, b[2]);
    ASSERT(0, b[7]);
    ASSERT(3, sizeof(c));
    ASSERT('r', c[2]);
    ASSERT_STR("cde", d[1]);
    ASSERT(0, d[0][3]);
    a[0] = 'X';
    ASSERT_STR("Xbc", a);
    return 0;
}
