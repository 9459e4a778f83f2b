/* strcmp and strncmp: sign of the result, prefixes, bytes compared as
   unsigned char. */
#include "test.h"

#define SIGN(x) ((x) > 0 ? 1 : (x) < 0 ? -1 : 0)

int main(void)
{
    ASSERT(0, strcmp("abc", "abc"));
    ASSERT(0, strcmp("", ""));
    ASSERT(-1, SIGN(strcmp("abc", "abd")));
    ASSERT(1, SIGN(strcmp("abd", "abc")));
    ASSERT(-1, SIGN(strcmp("ab", "abc")));
    ASSERT(1, SIGN(strcmp("abc", "ab")));
    ASSERT(-1, SIGN(strcmp("", "a")));
    ASSERT(-1, SIGN(strcmp("A", "a")));
    /* 0xE9 as unsigned char is greater than 'a' */
    ASSERT(1, SIGN(strcmp("\xe9", "a")));
    ASSERT(0, strncmp("abcdef", "abcxyz", 3));
    ASSERT(-1, SIGN(strncmp("abcdef", "abcxyz", 4)));
    ASSERT(0, strncmp("ab", "ab", 10));
    ASSERT(0, strncmp("x", "y", 0));
    ASSERT(1, SIGN(strncmp("b", "a", 1)));
    ASSERT(1, SIGN(strncmp("\x80", "\x7f", 1)));
    return 0;
}
