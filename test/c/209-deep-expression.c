/* Deeply nested expressions that need many temporaries at once. */
#include "test.h"

static int v(int x) { return x; }

int main(void)
{
    int a = 2, b = 3, c = 5, d = 7;
    ASSERT(170, ((a + b) * (c + d) + (a * b) * (c - d) * (-1)) * 3 + (a - b) * (c * d) + (d - a) * (c - b) * a - (a * b * c * d) / 10 - 10);
    ASSERT(1, ((((((((a + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) == 10);
    ASSERT(1, (a + (b + (c + (d + (a + (b + (c + (d)))))))) == 34);
    ASSERT(139, v(a) * v(b) + v(c) * v(d) * v(a) + v(v(v(a + b))) * v(c) * (v(d) - v(c)) + v(2) + v(1) - 0 * v(0) + 10);
    return 0;
}
