/* malloc/free stress: hundreds of blocks of varied sizes, each filled with
   its own pattern, freed in a scrambled order and reallocated; every live
   block must keep its pattern (no overlap, no corruption by the
   allocator's bookkeeping). */
#include "test.h"

#define SLOTS 200

static unsigned char *blocks[SLOTS];
static int sizes[SLOTS];
static unsigned seed = 12345;

static unsigned next_random(void)
{
    seed = seed * 1103515245u + 12345u;
    return seed >> 16;
}

static void fill(int i)
{
    int k;
    for (k = 0; k < sizes[i]; k++)
        blocks[i][k] = (unsigned char)(i * 31 + k);
}

static int intact(int i)
{
    int k;
    for (k = 0; k < sizes[i]; k++)
        if (blocks[i][k] != (unsigned char)(i * 31 + k))
            return 0;
    return 1;
}

int main(void)
{
    int round, i, broken = 0, failed = 0;
    for (round = 0; round < 6; round++) {
        for (i = 0; i < SLOTS; i++) {
            if (blocks[i] != NULL)
                continue;
            sizes[i] = 1 + (int)(next_random() % (round % 2 ? 700 : 60));
            blocks[i] = malloc(sizes[i]);
            if (blocks[i] == NULL) {
                failed++;
                continue;
            }
            fill(i);
        }
        for (i = 0; i < SLOTS; i++)
            if (blocks[i] != NULL && !intact(i))
                broken++;
        for (i = 0; i < SLOTS; i++) {
            int j = (int)(next_random() % SLOTS);
            if (blocks[j] != NULL && next_random() % 2) {
                free(blocks[j]);
                blocks[j] = NULL;
            }
        }
    }
    for (i = 0; i < SLOTS; i++)
        if (blocks[i] != NULL) {
            if (!intact(i))
                broken++;
            free(blocks[i]);
        }
    ASSERT(0, failed);
    ASSERT(0, broken);
    return 0;
}
