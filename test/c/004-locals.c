/* Local variables: declaration, initialization, assignment, many at once. */
#include "test.h"

int main(void)
{
    int a;
    int b = 5, c = 7;
    int d = b * c, e;
    a = 3;
    e = a + d;
    ASSERT(3, a);
    ASSERT(5, b);
    ASSERT(7, c);
    ASSERT(35, d);
    ASSERT(38, e);
    a = b = 9;
    ASSERT(9, a);
    ASSERT(9, b);
    {
        int f = a + b + c;
        ASSERT(25, f);
    }
    return 0;
}
