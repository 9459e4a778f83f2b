/* while loops: zero iterations, counting, conditions with side effects. */
#include "test.h"

int main(void)
{
    int i = 0, n = 0;
    char *s = "counting";
    while (0)
        n = 99;
    ASSERT(0, n);
    while (i < 10)
        n += i++;
    ASSERT(45, n);
    n = 0;
    while (*s++)
        n++;
    ASSERT(8, n);
    i = 100;
    n = 0;
    while (i /= 2)
        n++;
    ASSERT(6, n);
    return 0;
}
