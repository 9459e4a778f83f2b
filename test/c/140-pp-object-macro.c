/* Object-like macros: constants, expressions (and why parentheses matter),
   macros using macros, redefinition with the same body. */
#include "test.h"

#define SIZE 16
#define DOUBLE_SIZE (SIZE * 2)
#define UNSAFE 1 + 2
#define SAFE (1 + 2)
#define EMPTY
#define GREETING "hi there"
#define SIZE 16

int main(void)
{
    int arr[SIZE];
    ASSERT(64, sizeof(arr));
    ASSERT(32, DOUBLE_SIZE);
    ASSERT(7, UNSAFE * 3);
    ASSERT(9, SAFE * 3);
    ASSERT(5, EMPTY 5 EMPTY);
    ASSERT_STR("hi there", GREETING);
    ASSERT(8, sizeof(GREETING) - 1);
    return 0;
}
