/* Enum constants with explicit values, implicit continuation, negatives,
   and constants defined from earlier constants. */
#include "test.h"

enum e {
    A = 5,
    B,
    C = -3,
    D,
    E = A * 10,
    F = E + B,
    G = 'x',
    H = 1 << 4
};

int main(void)
{
    int arr[B];
    ASSERT(5, A);
    ASSERT(6, B);
    ASSERT(-3, C);
    ASSERT(-2, D);
    ASSERT(50, E);
    ASSERT(56, F);
    ASSERT(120, G);
    ASSERT(16, H);
    ASSERT(24, sizeof(arr));
    return 0;
}
