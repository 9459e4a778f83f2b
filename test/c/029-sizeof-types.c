/* sizeof of every basic type and of derived types. */
#include "test.h"

int main(void)
{
    ASSERT(1, sizeof(char));
    ASSERT(1, sizeof(signed char));
    ASSERT(1, sizeof(unsigned char));
    ASSERT(2, sizeof(short));
    ASSERT(2, sizeof(unsigned short));
    ASSERT(2, sizeof(short int));
    ASSERT(4, sizeof(int));
    ASSERT(4, sizeof(unsigned));
    ASSERT(4, sizeof(signed));
    ASSERT(4, sizeof(long));
    ASSERT(4, sizeof(char *));
    ASSERT(4, sizeof(int *));
    ASSERT(4, sizeof(void *));
    ASSERT(4, sizeof(int **));
    ASSERT(40, sizeof(int[10]));
    ASSERT(12, sizeof(char[3][4]));
    ASSERT(4, sizeof(int (*)[10]));
    ASSERT(4, sizeof(int (*)(int)));
    ASSERT(4, sizeof(size_t));
    ASSERT(1, sizeof(size_t) == sizeof(unsigned));
    ASSERT(1, (size_t)-1 > 0);
    return 0;
}
