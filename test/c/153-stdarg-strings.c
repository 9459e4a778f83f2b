/* A variadic string joiner with a NULL sentinel, writing into a buffer. */
#include "test.h"
#include <stdarg.h>

static int join(char *out, const char *sep, ...)
{
    va_list ap;
    const char *s;
    int n = 0, first = 1;
    va_start(ap, sep);
    out[0] = 0;
    while ((s = va_arg(ap, const char *)) != NULL) {
        if (!first)
            strcat(out, sep);
        strcat(out, s);
        first = 0;
        n++;
    }
    va_end(ap);
    return n;
}

int main(void)
{
    char buf[64];
    ASSERT(3, join(buf, ", ", "a", "bb", "ccc", (char *)NULL));
    ASSERT_STR("a, bb, ccc", buf);
    ASSERT(0, join(buf, "-", (char *)NULL));
    ASSERT_STR("", buf);
    ASSERT(1, join(buf, "-", "solo", (char *)NULL));
    ASSERT_STR("solo", buf);
    return 0;
}
