/* Many live locals at once: more than there are registers, all kept
   correct across calls and loops. */
#include "test.h"

static int opaque(int x) { return x; }

int main(void)
{
    int a = opaque(1), b = opaque(2), c = opaque(3), d = opaque(4);
    int e = opaque(5), f = opaque(6), g = opaque(7), h = opaque(8);
    int i = opaque(9), j = opaque(10), k = opaque(11), l = opaque(12);
    int n;
    for (n = 0; n < 3; n++) {
        a += b; b += c; c += d; d += e; e += f; f += g;
        g += h; h += i; i += j; j += k; k += l; l += a;
    }
    ASSERT(1, a - 0 == a);
    ASSERT(654, a + b + c + d + e + f + g + h + i + j + k + l - opaque(0));
    ASSERT(1, a < b + c + d);
    return 0;
}
