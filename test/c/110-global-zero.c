/* Uninitialized globals and statics are zero (they live in .bss). */
#include "test.h"

int zi;
char zbuf[100];
int *zp;
struct { int a; char b[3]; } zs;
static int zstatic;
int zarr[3][3];

int main(void)
{
    int i, nonzero = 0;
    static int local_zero;
    ASSERT(0, zi);
    for (i = 0; i < 100; i++)
        if (zbuf[i])
            nonzero++;
    ASSERT(0, nonzero);
    ASSERT(1, zp == NULL);
    ASSERT(0, zs.a + zs.b[2]);
    ASSERT(0, zstatic);
    ASSERT(0, local_zero);
    ASSERT(0, zarr[2][2]);
    return 0;
}
