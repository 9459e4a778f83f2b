/* static (file-local) functions and a global function calling them. */
#include "test.h"

static int helper(int x) { return x + 1; }

int visible(int x);

int visible(int x) { return helper(x) * 2; }

int main(void)
{
    ASSERT(8, visible(3));
    ASSERT(4, helper(3));
    return 0;
}
