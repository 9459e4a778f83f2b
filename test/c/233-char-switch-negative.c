/* switch on a plain char holding byte values above 127 (negative), with
   case labels written as escapes. */
#include "test.h"

static int kind(char c)
{
    switch (c) {
    case '\xff': return 1;
    case '\x80': return 2;
    case -2: return 3;
    case 'a': return 4;
    }
    return 0;
}

int main(void)
{
    char bytes[] = "\xff\x80\xfe" "a" "\x7f";
    ASSERT(1, kind(bytes[0]));
    ASSERT(2, kind(bytes[1]));
    ASSERT(3, kind(bytes[2]));
    ASSERT(4, kind(bytes[3]));
    ASSERT(0, kind(bytes[4]));
    ASSERT(0, kind((char)255 + 1));
    return 0;
}
