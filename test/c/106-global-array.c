/* Global arrays with initializers: sized by the initializer, 2-D, chars. */
#include "test.h"

int primes[] = { 2, 3, 5, 7, 11, 13 };
short grid[2][3] = { { 1, 2, 3 }, { 4, 5, 6 } };
unsigned char bytes[4] = { 0xDE, 0xAD, 0xBE, 0xEF };
char letters[] = { 'a', 'b', 'c' };

int main(void)
{
    int i, s = 0;
    ASSERT(24, sizeof(primes));
    for (i = 0; i < 6; i++)
        s += primes[i];
    ASSERT(41, s);
    ASSERT(6, grid[1][2]);
    ASSERT(12, sizeof(grid));
    ASSERT(0xEF, bytes[3]);
    ASSERT(3, sizeof(letters));
    ASSERT('c', letters[2]);
    primes[0] = 1;
    ASSERT(1, primes[0]);
    return 0;
}
