/* realloc keeps the contents when growing and shrinking; realloc(NULL, n)
   acts like malloc. */
#include "test.h"

int main(void)
{
    int *a = realloc(NULL, 4 * sizeof(int));
    int i, bad = 0;
    char *s;
    ASSERT(1, a != NULL);
    for (i = 0; i < 4; i++)
        a[i] = i + 100;
    a = realloc(a, 1000 * sizeof(int));
    ASSERT(1, a != NULL);
    for (i = 0; i < 4; i++)
        if (a[i] != i + 100)
            bad++;
    for (i = 4; i < 1000; i++)
        a[i] = i + 100;
    a = realloc(a, 10 * sizeof(int));
    for (i = 0; i < 10; i++)
        if (a[i] != i + 100)
            bad++;
    ASSERT(0, bad);
    free(a);
    s = malloc(4);
    strcpy(s, "abc");
    for (i = 1; i <= 20; i++) {
        s = realloc(s, 4 + i * 8);
        ASSERT(1, s != NULL);
        strcat(s, "12345678");
    }
    ASSERT(163, strlen(s));
    ASSERT(0, memcmp(s, "abc12345678", 11));
    ASSERT_STR("12345678", s + 155);
    free(s);
    return 0;
}
