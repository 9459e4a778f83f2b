/* Pointers to arrays: int (*p)[3] steps over whole rows. */
#include "test.h"

static int row_sum(int (*row)[3])
{
    return (*row)[0] + (*row)[1] + (*row)[2];
}

int main(void)
{
    int m[2][3] = { { 1, 2, 3 }, { 4, 5, 6 } };
    int (*p)[3] = m;
    int (*whole)[2][3] = &m;
    ASSERT(1, p[0][0]);
    ASSERT(6, p[1][2]);
    p++;
    ASSERT(4, (*p)[0]);
    ASSERT(12, (char *)p - (char *)m);
    ASSERT(6, row_sum(&m[0]));
    ASSERT(15, row_sum(m + 1));
    ASSERT(5, (*whole)[1][1]);
    ASSERT(12, sizeof(*p));
    ASSERT(24, sizeof(*whole));
    return 0;
}
