/* Globals of odd sizes next to ints and pointers: every object is aligned
   for its type and distinct objects do not overlap. */
#include "test.h"

char c1 = 1;
int i1 = 2;
char s3[3] = { 3, 3, 3 };
short h1 = 4;
char c2;
int *p1 = &i1;
char s5[5];
int i2 = 5;

int main(void)
{
    ASSERT(0, (unsigned long)&i1 & 3);
    ASSERT(0, (unsigned long)&h1 & 1);
    ASSERT(0, (unsigned long)&p1 & 3);
    ASSERT(0, (unsigned long)&i2 & 3);
    memset(s5, 9, sizeof(s5));
    memset(s3, 7, sizeof(s3));
    c2 = 6;
    ASSERT(1, c1);
    ASSERT(2, i1);
    ASSERT(4, h1);
    ASSERT(5, i2);
    ASSERT(2, *p1);
    ASSERT(6, c2);
    ASSERT(7, s3[2]);
    ASSERT(9, s5[4]);
    return 0;
}
