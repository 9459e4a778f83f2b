/* sizeof applied to expressions does not evaluate them; sizeof of a
   parenthesized type vs. an expression; sizeof in constant contexts. */
#include "test.h"

static int calls;
static int side(void) { return ++calls; }

int main(void)
{
    int x = 5;
    char c = 1;
    int arr[sizeof(long) * 2];
    ASSERT(4, sizeof(x++));
    ASSERT(5, x);
    ASSERT(4, sizeof(side()));
    ASSERT(0, calls);
    ASSERT(1, sizeof c);
    ASSERT(4, sizeof(c + c));
    ASSERT(4, sizeof x);
    ASSERT(32, sizeof arr);
    ASSERT(1, sizeof(char) == 1);
    ASSERT(8, sizeof(arr) / sizeof arr[0]);
    ASSERT(4, sizeof(int[1]));
    return 0;
}
