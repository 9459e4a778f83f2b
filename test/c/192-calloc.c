/* calloc returns zeroed memory, also when reusing memory freed dirty. */
#include "test.h"

int main(void)
{
    int i, nonzero = 0;
    unsigned char *dirty = malloc(512);
    int *z;
    memset(dirty, 0xA5, 512);
    free(dirty);
    z = calloc(128, sizeof(int));
    ASSERT(1, z != NULL);
    for (i = 0; i < 128; i++)
        if (z[i] != 0)
            nonzero++;
    ASSERT(0, nonzero);
    free(z);
    {
        char *c = calloc(1, 1);
        ASSERT(1, c != NULL);
        ASSERT(0, *c);
        free(c);
    }
    return 0;
}
