/* sprintf returns the number of characters written, not counting the NUL;
   printf, putchar and puts return their documented values too. */
#include "test.h"

int main(void)
{
    char buf[64];
    ASSERT(0, sprintf(buf, ""));
    ASSERT(5, sprintf(buf, "hello"));
    ASSERT(3, sprintf(buf, "%d", -12));
    ASSERT(10, sprintf(buf, "%10d", 1));
    ASSERT(7, sprintf(buf, "%s-%s", "abc", "def"));
    ASSERT(1, sprintf(buf, "%c", 0));
    ASSERT(0, buf[0]);
    ASSERT(8, printf("printf: "));
    ASSERT('\n', putchar('\n'));
    ASSERT(1, puts("puts: a line") >= 0);
    ASSERT(6, printf("%d %s\n", 42, "ok"));
    return 0;
}
