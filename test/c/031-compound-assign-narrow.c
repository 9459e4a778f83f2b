/* Compound assignment to narrow types computes in int, then truncates on
   store; the expression's value is the stored (truncated) value. */
#include "test.h"

int main(void)
{
    char c = 100;
    unsigned char uc = 200;
    short s = 30000;
    unsigned short us = 65000;
    char arr[2] = { 1, 2 };
    ASSERT(-56, c += 100);
    ASSERT(-56, c);
    ASSERT(144, uc += 200);
    ASSERT(128, uc <<= 3);
    ASSERT(-5536, s += 30000);
    ASSERT(464, us += 1000);
    ASSERT(-128, arr[1] *= 64);
    ASSERT(-64, arr[1] /= 2);
    ASSERT(1, arr[0]);
    c = -128;
    c -= 1;
    ASSERT(127, c);
    uc = 5;
    uc -= 10;
    ASSERT(251, uc);
    return 0;
}
