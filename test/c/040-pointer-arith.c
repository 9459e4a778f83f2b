/* Pointer arithmetic: adding and subtracting ints scales by element size. */
#include "test.h"

int main(void)
{
    int a[5] = { 10, 20, 30, 40, 50 };
    char s[] = "abcdef";
    int *p = a;
    int *q = a + 4;
    int n = 2;
    ASSERT(30, *(p + 2));
    ASSERT(30, *(2 + p));
    ASSERT(40, *(q - 1));
    ASSERT(30, *(q - n));
    ASSERT(50, p[4]);
    ASSERT(20, q[-3]);
    ASSERT('d', *(s + 3));
    p += 3;
    ASSERT(40, *p);
    p -= n;
    ASSERT(20, *p);
    ASSERT(8, (char *)(a + 2) - (char *)a);
    ASSERT('f', *(s + sizeof(s) - 2));
    ASSERT(1, &a[3] == a + 3);
    return 0;
}
