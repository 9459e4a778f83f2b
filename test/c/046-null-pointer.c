/* The null pointer: 0 and NULL convert to it, it compares equal to 0, and
   it is false in conditions. */
#include "test.h"

static int *find(int *a, int n, int v)
{
    int i;
    for (i = 0; i < n; i++)
        if (a[i] == v)
            return &a[i];
    return NULL;
}

int main(void)
{
    int a[3] = { 4, 5, 6 };
    int *p = 0;
    char *s = NULL;
    void *v = (void *)0;
    ASSERT(1, p == NULL);
    ASSERT(1, s == 0);
    ASSERT(1, v == 0);
    ASSERT(0, p ? 1 : 0);
    ASSERT(1, find(a, 3, 9) == NULL);
    ASSERT(1, find(a, 3, 6) == &a[2]);
    if (find(a, 3, 5))
        ASSERT(5, *find(a, 3, 5));
    else
        ASSERT(1, 0);
    return 0;
}
