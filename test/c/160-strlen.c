/* strlen: empty, short, long strings, embedded NUL ends the count; the
   result is size_t. */
#include "test.h"

int main(void)
{
    char big[300];
    int i;
    for (i = 0; i < 299; i++)
        big[i] = 'a' + i % 26;
    big[299] = 0;
    ASSERT(0, strlen(""));
    ASSERT(1, strlen("x"));
    ASSERT(5, strlen("hello"));
    ASSERT(3, strlen("abc\0def"));
    ASSERT(299, strlen(big));
    ASSERT(150, strlen(big + 149));
    ASSERT(1, strlen(big) - 300 > 0);
    return 0;
}
