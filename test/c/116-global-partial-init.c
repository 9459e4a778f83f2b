/* Partially initialized global aggregates: the rest is zero. */
#include "test.h"

int nums[10] = { 1, 2 };
struct rec { int a; char s[6]; int b[3]; } recs[3] = { { 7, "x" } };
char text[16] = "hi";
short grid[3][4] = { { 1 }, { 0, 2 } };

int main(void)
{
    ASSERT(2, nums[1]);
    ASSERT(0, nums[9]);
    ASSERT(7, recs[0].a);
    ASSERT('x', recs[0].s[0]);
    ASSERT(0, recs[0].s[5]);
    ASSERT(0, recs[0].b[2]);
    ASSERT(0, recs[2].a);
    ASSERT(0, text[15]);
    ASSERT(2, grid[1][1]);
    ASSERT(0, grid[2][3]);
    return 0;
}
