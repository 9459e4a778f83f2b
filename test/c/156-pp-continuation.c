/* Backslash-newline joins lines: in macro definitions, in the middle of
   tokens and in string literals. */
#include "test.h"

#define LONG_MACRO(a, b) \
    ((a) * 100 +     \
     (b))

int main(void)
{
    int total = LONG_MACRO(3, 4);
    int spl\
it = 5;
    const char *s = "abc\
def";
    ASSERT(304, total);
    ASSERT(5, split);
    ASSERT_STR("abcdef", s);
    ASSERT(12\
3, 123);
    return 0;
}
