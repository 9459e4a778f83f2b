/* Loop conditions of various shapes: compound logic, calls, pointers,
   unsigned counters that wrap. */
#include "test.h"

static int limit(void) { return 8; }

int main(void)
{
    int i, n;
    char buf[] = "ab,cd";
    char *p;
    unsigned u;
    n = 0;
    for (i = 0; i < limit() && i * i < 30; i++)
        n++;
    ASSERT(6, n);
    for (p = buf; *p && *p != ','; p++)
        ;
    ASSERT(2, p - buf);
    n = 0;
    for (u = 3; u != 4294967294u; u--)
        n++;
    ASSERT(5, n);
    n = 0;
    i = 0;
    while (!(i >= 4 || n > 100))
        n += ++i;
    ASSERT(10, n);
    return 0;
}
