/* Globals initialized with string literals: pointer vs. array, sized
   arrays zero-filled, arrays of strings. */
#include "test.h"

char *greeting = "hello";
char buffer[] = "world";
char padded[10] = "ab";
char *colors[] = { "red", "green", "blue" };
char matrix[2][5] = { "abcd", "ef" };
const char *const message = "const";

int main(void)
{
    ASSERT_STR("hello", greeting);
    ASSERT(6, sizeof(buffer));
    buffer[0] = 'W';
    ASSERT_STR("World", buffer);
    ASSERT(10, sizeof(padded));
    ASSERT(0, padded[9]);
    ASSERT_STR("ab", padded);
    ASSERT_STR("blue", colors[2]);
    ASSERT(12, sizeof(colors));
    ASSERT_STR("ef", matrix[1]);
    ASSERT(0, matrix[1][4]);
    ASSERT('n', message[2]);
    greeting = colors[0];
    ASSERT_STR("red", greeting);
    return 0;
}
