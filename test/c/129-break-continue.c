/* break and continue in every loop kind, affecting only the innermost
   loop. */
#include "test.h"

int main(void)
{
    int i, j, n = 0, pairs = 0;
    for (i = 0; i < 100; i++) {
        if (i % 3)
            continue;
        if (i > 30)
            break;
        n += i;
    }
    ASSERT(165, n);
    i = 0;
    n = 0;
    while (1) {
        i++;
        if (i > 20)
            break;
        if (i & 1)
            continue;
        n++;
    }
    ASSERT(10, n);
    for (i = 0; i < 5; i++)
        for (j = 0; j < 5; j++) {
            if (j > i)
                break;
            if (j == 2)
                continue;
            pairs++;
        }
    ASSERT(12, pairs);
    return 0;
}
