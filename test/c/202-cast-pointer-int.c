/* Casting between pointers and integers of the same size round-trips;
   integer arithmetic on addresses. */
#include "test.h"

int main(void)
{
    int a[4];
    unsigned long addr = (unsigned long)&a[0];
    int *back = (int *)addr;
    unsigned u = (unsigned)&a[2];
    ASSERT(1, back == a);
    ASSERT(8, u - addr);
    ASSERT(1, (int *)(addr + sizeof(int)) == &a[1]);
    ASSERT(0, (int)(long)(char *)0);
    ASSERT(1, (char *)(unsigned long)(char *)a == (char *)a);
    return 0;
}
