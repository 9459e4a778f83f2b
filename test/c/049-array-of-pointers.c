/* Arrays of pointers: to ints, to strings, to rows of different lengths. */
#include "test.h"

int main(void)
{
    int x = 1, y = 2, z = 3;
    int *ptrs[3];
    int r0[1] = { 10 };
    int r1[2] = { 20, 21 };
    int r2[3] = { 30, 31, 32 };
    int *rows[3];
    char *words[] = { "one", "two", "three" };
    int i, total = 0;
    ptrs[0] = &x;
    ptrs[1] = &y;
    ptrs[2] = &z;
    for (i = 0; i < 3; i++)
        total += *ptrs[i];
    ASSERT(6, total);
    *ptrs[1] = 20;
    ASSERT(20, y);
    rows[0] = r0;
    rows[1] = r1;
    rows[2] = r2;
    ASSERT(32, rows[2][2]);
    ASSERT(21, rows[1][1]);
    ASSERT(3, sizeof(words) / sizeof(words[0]));
    ASSERT('h', words[2][1]);
    ASSERT_STR("two", words[1]);
    ASSERT(12, sizeof(ptrs));
    return 0;
}
