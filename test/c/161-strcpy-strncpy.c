/* strcpy copies through the NUL and returns dst; strncpy pads with NULs up
   to n and does not terminate when the source is n or longer. */
#include "test.h"

int main(void)
{
    char buf[16];
    char *r;
    memset(buf, 'X', sizeof(buf));
    r = strcpy(buf, "copy");
    ASSERT(1, r == buf);
    ASSERT_STR("copy", buf);
    ASSERT('X', buf[5]);
    ASSERT_STR("", strcpy(buf, ""));
    memset(buf, 'X', sizeof(buf));
    r = strncpy(buf, "ab", 6);
    ASSERT(1, r == buf);
    ASSERT('a', buf[0]);
    ASSERT(0, buf[2]);
    ASSERT(0, buf[5]);
    ASSERT('X', buf[6]);
    memset(buf, 'X', sizeof(buf));
    strncpy(buf, "abcdef", 3);
    ASSERT('c', buf[2]);
    ASSERT('X', buf[3]);
    memset(buf, 'X', sizeof(buf));
    strncpy(buf, "abc", 3);
    ASSERT('X', buf[3]);
    strncpy(buf, "zzz", 0);
    ASSERT('a', buf[0]);
    return 0;
}
