/* malloc returns distinct, writable blocks; free accepts them. */
#include "test.h"

int main(void)
{
    int *a = malloc(10 * sizeof(int));
    char *b = malloc(100);
    int i, sum = 0;
    ASSERT(1, a != NULL);
    ASSERT(1, b != NULL);
    ASSERT(1, (char *)a + 40 <= b || b + 100 <= (char *)a);
    for (i = 0; i < 10; i++)
        a[i] = i * 3;
    memset(b, 'q', 100);
    for (i = 0; i < 10; i++)
        sum += a[i];
    ASSERT(135, sum);
    ASSERT('q', b[99]);
    free(a);
    free(b);
    a = malloc(sizeof(int));
    ASSERT(1, a != NULL);
    *a = 5;
    ASSERT(5, *a);
    free(a);
    return 0;
}
