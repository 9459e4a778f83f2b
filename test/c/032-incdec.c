/* Prefix and postfix ++ and --: the value yielded and the side effect. */
#include "test.h"

int main(void)
{
    int i = 5;
    int a[3] = { 10, 20, 30 };
    int k = 0;
    ASSERT(5, i++);
    ASSERT(6, i);
    ASSERT(7, ++i);
    ASSERT(7, i--);
    ASSERT(5, --i);
    ASSERT(5, i);
    ASSERT(10, a[k++]);
    ASSERT(1, k);
    ASSERT(30, a[++k]);
    ASSERT(21, ++a[1]);
    ASSERT(21, a[1]--);
    ASSERT(20, a[1]);
    {
        unsigned u = 0;
        u--;
        ASSERT(1, u == 4294967295u);
        u++;
        ASSERT(0, u);
    }
    return 0;
}
