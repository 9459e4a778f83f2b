/* snprintf: writes at most n-1 characters plus a NUL, returns the length
   the full output would have; n = 0 writes nothing (NULL buffer allowed). */
#include "test.h"

int main(void)
{
    char buf[16];
    memset(buf, 'X', sizeof(buf));
    ASSERT(5, snprintf(buf, sizeof(buf), "%d", 12345));
    ASSERT_STR("12345", buf);
    memset(buf, 'X', sizeof(buf));
    ASSERT(11, snprintf(buf, 6, "hello world"));
    ASSERT_STR("hello", buf);
    ASSERT('X', buf[6]);
    memset(buf, 'X', sizeof(buf));
    ASSERT(3, snprintf(buf, 1, "abc"));
    ASSERT(0, buf[0]);
    ASSERT('X', buf[1]);
    memset(buf, 'X', sizeof(buf));
    ASSERT(3, snprintf(buf, 0, "abc"));
    ASSERT('X', buf[0]);
    ASSERT(10, snprintf(NULL, 0, "%d", 1234567890));
    ASSERT(4, snprintf(buf, 4, "%s%s", "ab", "cd"));
    ASSERT_STR("abc", buf);
    ASSERT(8, snprintf(buf, 5, "%08x", 0x1234));
    ASSERT_STR("0000", buf);
    ASSERT(3, snprintf(buf, 4, "abc"));
    ASSERT_STR("abc", buf);
    return 0;
}
