/* Assignment is an expression: chains, in conditions, its value is the new
   value of the left side after conversion. */
#include "test.h"

int main(void)
{
    int a, b, c;
    char ch;
    int n;
    a = b = c = 7;
    ASSERT(21, a + b + c);
    ASSERT(-1, ch = 255);
    ASSERT(300, n = 300);
    n = 0;
    while ((a = a - 2) > 0)
        n++;
    ASSERT(3, n);
    ASSERT(-1, a);
    {
        int x = (b = 3) + (c = 4);
        ASSERT(7, x);
    }
    return 0;
}
