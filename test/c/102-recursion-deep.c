/* Deep recursion: a few thousand frames with locals. */
#include "test.h"

static int depth_sum(int n)
{
    int local[4];
    local[0] = n;
    local[3] = n * 2;
    if (n == 0)
        return 0;
    return local[0] + depth_sum(n - 1) + local[3] - 2 * n;
}

static int count_down(int n) { return n == 0 ? 0 : 1 + count_down(n - 1); }

int main(void)
{
    ASSERT(5000, count_down(5000));
    ASSERT(2001000, depth_sum(2000));
    return 0;
}
