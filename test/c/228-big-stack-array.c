/* A large local array (64 KiB) and a recursion with big frames: stack
   space is really there and frames do not overlap. */
#include "test.h"

static int frames(int depth)
{
    char pad[1024];
    int i, s = 0;
    for (i = 0; i < 1024; i += 64)
        pad[i] = (char)depth;
    if (depth > 0)
        s = frames(depth - 1);
    for (i = 0; i < 1024; i += 64)
        if (pad[i] != (char)depth)
            return -1000000;
    return s + depth;
}

int main(void)
{
    int big[16384];
    int i;
    long sum = 0;
    for (i = 0; i < 16384; i++)
        big[i] = i;
    for (i = 0; i < 16384; i++)
        sum += big[i];
    ASSERT(134209536, sum);
    ASSERT(5050, frames(100));
    return 0;
}
