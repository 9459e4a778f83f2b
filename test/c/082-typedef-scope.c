/* typedef names follow block scope and can be shadowed by variables. */
#include "test.h"

typedef int T;

int main(void)
{
    T a = 1;
    {
        typedef char T;
        T b = 200;
        ASSERT(1, sizeof(T));
        ASSERT(-56, b);
    }
    ASSERT(4, sizeof(T));
    {
        int T = 7;
        ASSERT(8, T + a);
    }
    return 0;
}
