/* Sorting algorithms written out: bubble sort and insertion sort on arrays
   of ints and of chars; results compared with each other and qsort. */
#include "test.h"

static void bubble(int *a, int n)
{
    int i, j;
    for (i = 0; i < n - 1; i++)
        for (j = 0; j < n - 1 - i; j++)
            if (a[j] > a[j + 1]) {
                int t = a[j];
                a[j] = a[j + 1];
                a[j + 1] = t;
            }
}

static void insertion(char *s, int n)
{
    int i, j;
    for (i = 1; i < n; i++) {
        char key = s[i];
        for (j = i - 1; j >= 0 && s[j] > key; j--)
            s[j + 1] = s[j];
        s[j + 1] = key;
    }
}

static int cmp(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

int main(void)
{
    int a[30], b[30];
    char s[] = "thequickbrownfox";
    int i, diff = 0;
    for (i = 0; i < 30; i++)
        a[i] = b[i] = (i * 17 + 5) % 31 - 15;
    bubble(a, 30);
    qsort(b, 30, sizeof(int), cmp);
    for (i = 0; i < 30; i++)
        if (a[i] != b[i])
            diff++;
    ASSERT(0, diff);
    ASSERT(-15, a[0]);
    insertion(s, (int)strlen(s));
    ASSERT_STR("bcefhiknooqrtuwx", s);
    return 0;
}
