/* sprintf %c %s %%: characters, strings, a literal percent sign. */
#include "test.h"

int main(void)
{
    char buf[64];
    sprintf(buf, "%c", 'A');
    ASSERT_STR("A", buf);
    sprintf(buf, "%c%c%c", 'a', 'b', 'c');
    ASSERT_STR("abc", buf);
    sprintf(buf, "%s", "string");
    ASSERT_STR("string", buf);
    sprintf(buf, "%s", "");
    ASSERT_STR("", buf);
    sprintf(buf, "[%s|%s]", "one", "two");
    ASSERT_STR("[one|two]", buf);
    sprintf(buf, "100%%");
    ASSERT_STR("100%", buf);
    sprintf(buf, "%%d%d%%", 5);
    ASSERT_STR("%d5%", buf);
    sprintf(buf, "no conversions");
    ASSERT_STR("no conversions", buf);
    sprintf(buf, "%c", 256 + 'z');
    ASSERT_STR("z", buf);
    return 0;
}
