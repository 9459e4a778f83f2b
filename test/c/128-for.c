/* for loops: all three parts, empty parts, C99 declarations in the init,
   counting down with unsigned. */
#include "test.h"

int main(void)
{
    int i, n = 0;
    unsigned u;
    for (i = 0; i < 5; i++)
        n += i;
    ASSERT(10, n);
    ASSERT(5, i);
    n = 0;
    for (int j = 10; j > 0; j -= 3)
        n += j;
    ASSERT(22, n);
    n = 0;
    for (u = 5; u-- > 0;)
        n++;
    ASSERT(5, n);
    i = 0;
    for (;;) {
        if (++i == 7)
            break;
    }
    ASSERT(7, i);
    n = 0;
    for (int a = 0, b = 10; a < b; a++, b--)
        n++;
    ASSERT(5, n);
    return 0;
}
