/* String literals: arrays of char with a terminating NUL; adjacent literals
   concatenate; identical contents compare equal with strcmp. */
#include "test.h"

int main(void)
{
    char *s = "hello";
    char *t = "con" "cat" "enated";
    ASSERT(6, sizeof("hello"));
    ASSERT(1, sizeof(""));
    ASSERT(0, ""[0]);
    ASSERT('h', s[0]);
    ASSERT(0, s[5]);
    ASSERT('e', "hello"[1]);
    ASSERT_STR("concatenated", t);
    ASSERT(13, sizeof("con" "cat" "enated"));
    ASSERT(0, strcmp(s, "hel" "lo"));
    ASSERT(5, (int)strlen(s));
    ASSERT(4, sizeof(s));
    return 0;
}
