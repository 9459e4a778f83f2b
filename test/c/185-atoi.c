/* atoi: leading whitespace, optional sign, digits up to the first
   non-digit; no digits gives 0. */
#include "test.h"

int main(void)
{
    ASSERT(0, atoi("0"));
    ASSERT(123, atoi("123"));
    ASSERT(-45, atoi("-45"));
    ASSERT(7, atoi("+7"));
    ASSERT(42, atoi("   42"));
    ASSERT(42, atoi("\t\n 42abc"));
    ASSERT(0, atoi("abc"));
    ASSERT(0, atoi(""));
    ASSERT(0, atoi("-"));
    ASSERT(12, atoi("12 34"));
    ASSERT(2147483647, atoi("2147483647"));
    ASSERT(-2147483647 - 1, atoi("-2147483648"));
    ASSERT(0, atoi("0x10"));
    ASSERT(10, atoi("010"));
    return 0;
}
