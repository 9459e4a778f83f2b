/* sizeof an array is its whole size; the element count idiom. */
#include "test.h"

int main(void)
{
    int a[7];
    char c[13];
    short s[3][5];
    char *words[4];
    int b[] = { 1, 2, 3, 4, 5, 6 };
    ASSERT(28, sizeof(a));
    ASSERT(7, sizeof(a) / sizeof(a[0]));
    ASSERT(13, sizeof(c));
    ASSERT(30, sizeof(s));
    ASSERT(5, sizeof(s[0]) / sizeof(s[0][0]));
    ASSERT(16, sizeof(words));
    ASSERT(6, sizeof(b) / sizeof(*b));
    ASSERT(4, sizeof(a + 0));
    ASSERT(4, sizeof(&a[0]));
    ASSERT(28, sizeof(*&a));
    return 0;
}
