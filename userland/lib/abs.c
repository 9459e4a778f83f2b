/* abs.c: absolute values. abs(INT_MIN) is undefined in C; here it
 * returns INT_MIN (two's complement wrap-around), never a trap. */
#include <stdlib.h>

int abs(int x) { return x < 0 ? (int)(0U - (unsigned int)x) : x; }
long labs(long x) { return x < 0 ? (long)(0UL - (unsigned long)x) : x; }
