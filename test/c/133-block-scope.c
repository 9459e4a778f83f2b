/* Block scope: inner declarations shadow outer ones and end with the block;
   each loop iteration gets a fresh initialization. */
#include "test.h"

int main(void)
{
    int x = 1, sum = 0, i;
    {
        int x = 2;
        {
            int x = 3;
            ASSERT(3, x);
        }
        ASSERT(2, x);
    }
    ASSERT(1, x);
    for (i = 0; i < 3; i++) {
        int fresh = 10;
        fresh += i;
        sum += fresh;
    }
    ASSERT(33, sum);
    for (int x = 5; x < 6; x++)
        ASSERT(5, x);
    ASSERT(1, x);
    return 0;
}
