/* Initializers with elided inner braces fill nested aggregates in order;
   scalar initializers may be braced. */
#include "test.h"

struct pt { int x, y; };
struct line { struct pt a, b; };

int grid[2][3] = { 1, 2, 3, 4, 5 };
struct line gl = { 1, 2, 3, 4 };

int main(void)
{
    int m[2][2] = { 1, 2, 3 };
    struct pt pts[2] = { 5, 6, 7, 8 };
    struct line l = { { 1, 2 }, 3, 4 };
    int braced = { 42 };
    ASSERT(4, grid[1][0]);
    ASSERT(0, grid[1][2]);
    ASSERT(3, gl.b.x);
    ASSERT(3, m[1][0]);
    ASSERT(0, m[1][1]);
    ASSERT(7, pts[1].x);
    ASSERT(4, l.b.y);
    ASSERT(42, braced);
    return 0;
}
