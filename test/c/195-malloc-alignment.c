/* Blocks from malloc are aligned for any type we have (at least 4 bytes),
   whatever sizes were requested before. */
#include "test.h"

int main(void)
{
    int i, misaligned = 0;
    void *ptrs[40];
    for (i = 0; i < 40; i++) {
        ptrs[i] = malloc(i % 7 + 1);
        if (ptrs[i] == NULL || ((unsigned long)ptrs[i] & 3) != 0)
            misaligned++;
    }
    for (i = 0; i < 40; i += 2)
        free(ptrs[i]);
    for (i = 0; i < 40; i += 2) {
        ptrs[i] = malloc(13);
        if (ptrs[i] == NULL || ((unsigned long)ptrs[i] & 3) != 0)
            misaligned++;
    }
    for (i = 0; i < 40; i++)
        free(ptrs[i]);
    ASSERT(0, misaligned);
    return 0;
}
