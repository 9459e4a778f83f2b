/* sprintf precision: minimum digits for integers (0 with precision 0 prints
   nothing), maximum characters for strings. */
#include "test.h"

int main(void)
{
    char buf[64];
    char part[3] = { 'a', 'b', 'c' }; /* not NUL-terminated */
    sprintf(buf, "%.3d", 7);
    ASSERT_STR("007", buf);
    sprintf(buf, "%.3d", -7);
    ASSERT_STR("-007", buf);
    sprintf(buf, "%.1d", 1234);
    ASSERT_STR("1234", buf);
    sprintf(buf, "%.0d", 0);
    ASSERT_STR("", buf);
    sprintf(buf, "%.0d", 5);
    ASSERT_STR("5", buf);
    sprintf(buf, "%5.3d|", 42);
    ASSERT_STR("  042|", buf);
    sprintf(buf, "%.4x", 0xab);
    ASSERT_STR("00ab", buf);
    sprintf(buf, "%.2s", "abcdef");
    ASSERT_STR("ab", buf);
    sprintf(buf, "%.0s|", "abc");
    ASSERT_STR("|", buf);
    sprintf(buf, "%.10s", "short");
    ASSERT_STR("short", buf);
    sprintf(buf, "%5.2s|", "xyz");
    ASSERT_STR("   xy|", buf);
    sprintf(buf, "%.3s", part);
    ASSERT_STR("abc", buf);
    sprintf(buf, "%.d", 0);
    ASSERT_STR("", buf);
    return 0;
}
