/* Usual arithmetic conversions: int meets unsigned and becomes unsigned, so
   -1 compares greater than 1u. */
#include "test.h"

int main(void)
{
    int m = -1;
    unsigned one = 1;
    long lm = -1;
    unsigned long ul = 1;
    ASSERT(0, m < one);
    ASSERT(1, m > one);
    ASSERT(1, m == 4294967295u);
    ASSERT(0, lm < ul);
    ASSERT(1, -1 < 1);
    ASSERT(0, -1 < 1u);
    ASSERT(1, (int)one > m);
    /* the sum of int and unsigned is unsigned */
    ASSERT(1, m + one == 0);
    ASSERT(1, m + 0u > 0);
    ASSERT(1, (m * one) / 2 == 2147483647u);
    /* unsigned char and short promote to int, not unsigned */
    {
        unsigned char uc = 1;
        unsigned short us = 1;
        ASSERT(1, -1 < uc);
        ASSERT(1, -1 < us);
    }
    return 0;
}
