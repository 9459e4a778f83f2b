/* Escape sequences inside string literals, including octal and hex, and
   embedded NUL bytes. */
#include "test.h"

int main(void)
{
    char *s = "a\tb\nc\\d\"e'";
    char e[] = "x\0y";
    char *h = "\x41\102\x43";
    char *o = "\1\12\123";
    ASSERT(10, (int)strlen(s));
    ASSERT('\t', s[1]);
    ASSERT('\n', s[3]);
    ASSERT('\\', s[5]);
    ASSERT('"', s[7]);
    ASSERT('\'', s[9]);
    ASSERT(4, sizeof(e));
    ASSERT(1, (int)strlen(e));
    ASSERT('y', e[2]);
    ASSERT_STR("ABC", h);
    ASSERT(1, o[0]);
    ASSERT(10, o[1]);
    ASSERT(83, o[2]);
    ASSERT(-1, "\xff"[0]);
    ASSERT(2, sizeof("\x4" "1") - 1);
    return 0;
}
