/* a[i] means *(a + i), so i[a] is the same element. */
#include "test.h"

int main(void)
{
    int a[3] = { 7, 8, 9 };
    char *s = "xyz";
    int i = 2;
    ASSERT(9, i[a]);
    ASSERT(8, 1[a]);
    ASSERT('y', 1[s]);
    ASSERT('z', 2["xyz"]);
    ASSERT('x', "xyz"[0]);
    ASSERT(1, &i[a] == &a[i]);
    return 0;
}
