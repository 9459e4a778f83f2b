/* ++ and -- on pointers step by the size of the pointed-to type. */
#include "test.h"

struct pair { int a; int b; };

int main(void)
{
    int a[4] = { 1, 2, 3, 4 };
    short s[3] = { 7, 8, 9 };
    struct pair ps[2] = { { 1, 2 }, { 3, 4 } };
    int *p = a;
    short *q = s;
    struct pair *r = ps;
    char *c = (char *)a;
    ASSERT(1, *p++);
    ASSERT(2, *p);
    ASSERT(3, *++p);
    ASSERT(3, *p--);
    ASSERT(2, *p);
    ASSERT(8, *++q);
    ASSERT(4, (char *)(p + 1) - (char *)p);
    r++;
    ASSERT(3, r->a);
    ASSERT(8, (char *)r - (char *)ps);
    c++;
    ASSERT(1, c - (char *)a);
    ASSERT(4, *(a + 3));
    ASSERT(1, (*p)++ == 2 && a[1] == 3);
    return 0;
}
