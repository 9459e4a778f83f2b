/* memmove handles overlapping regions in both directions. */
#include "test.h"

int main(void)
{
    char buf[16];
    int a[6] = { 1, 2, 3, 4, 5, 6 };
    strcpy(buf, "abcdefghij");
    ASSERT(1, memmove(buf + 2, buf, 5) == buf + 2);
    ASSERT_STR("ababcdehij", buf);
    strcpy(buf, "abcdefghij");
    memmove(buf, buf + 3, 5);
    ASSERT_STR("defghfghij", buf);
    strcpy(buf, "abcdefghij");
    memmove(buf + 1, buf + 1, 4);
    ASSERT_STR("abcdefghij", buf);
    memmove(buf, buf + 5, 0);
    ASSERT_STR("abcdefghij", buf);
    memmove(a + 1, a, 5 * sizeof(int));
    ASSERT(1, a[0]);
    ASSERT(1, a[1]);
    ASSERT(5, a[5]);
    memmove(a, a + 2, 4 * sizeof(int));
    ASSERT(2, a[0]);
    ASSERT(5, a[3]);
    return 0;
}
