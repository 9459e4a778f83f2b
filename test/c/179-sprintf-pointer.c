/* sprintf %p: the exact form is implementation-defined, so the test checks
   what every form shares: the hex digits of the address appear, equal
   pointers print equally and different ones differently. */
#include "test.h"

int main(void)
{
    char a[32], b[32], c[32];
    int x, y;
    sprintf(a, "%p", (void *)0x1234);
    ASSERT(1, strstr(a, "1234") != NULL);
    sprintf(a, "%p", (void *)&x);
    sprintf(b, "%p", (void *)&x);
    sprintf(c, "%p", (void *)&y);
    ASSERT(0, strcmp(a, b));
    ASSERT(1, strcmp(a, c) != 0);
    ASSERT(1, strlen(a) > 0);
    return 0;
}
