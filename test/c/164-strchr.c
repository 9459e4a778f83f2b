/* strchr finds the first, strrchr the last occurrence; both find the
   terminating NUL; not found gives NULL. */
#include "test.h"

int main(void)
{
    const char *s = "hello world";
    ASSERT(2, strchr(s, 'l') - s);
    ASSERT(9, strrchr(s, 'l') - s);
    ASSERT(0, strchr(s, 'h') - s);
    ASSERT(1, strchr(s, 'z') == NULL);
    ASSERT(1, strrchr(s, 'z') == NULL);
    ASSERT(11, strchr(s, 0) - s);
    ASSERT(11, strrchr(s, 0) - s);
    ASSERT(5, strchr(s, ' ') - s);
    ASSERT(1, strchr("", 'a') == NULL);
    {
        char high[] = "ab\xff";
        /* the int argument is converted to char: 0xff finds the byte 0xff */
        ASSERT(2, strchr(high, 0xff) - high);
    }
    ASSERT_STR("world", strchr(s, 'w'));
    return 0;
}
