/* Console output: putchar, puts and printf write to the console (the
   harness sees it); here only their return values are checked. */
#include "test.h"

int main(void)
{
    const char *msg = "console output";
    int i;
    for (i = 0; msg[i]; i++)
        ASSERT((unsigned char)msg[i], putchar(msg[i]));
    ASSERT('\n', putchar('\n'));
    ASSERT(1, puts("a line from puts") >= 0);
    ASSERT(1, puts("") >= 0);
    ASSERT(18, printf("%s %d%c\n", "printf to the", 42, '!'));
    ASSERT(0, printf("%s", ""));
    return 0;
}
