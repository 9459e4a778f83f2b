/* Arrays of strings: array of char pointers vs. 2-D char array. */
#include "test.h"

int main(void)
{
    char *names[] = { "alpha", "beta", "gamma", "delta" };
    char table[3][6] = { "red", "green", "blue" };
    int i, total = 0;
    for (i = 0; i < 4; i++)
        total += (int)strlen(names[i]);
    ASSERT(19, total);
    ASSERT('m', names[2][2]);
    ASSERT(18, sizeof(table));
    ASSERT_STR("green", table[1]);
    table[2][0] = 'B';
    ASSERT_STR("Blue", table[2]);
    ASSERT(0, table[0][5]);
    names[0] = names[3];
    ASSERT_STR("delta", names[0]);
    return 0;
}
