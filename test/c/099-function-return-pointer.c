/* Functions returning pointers, and pointers to functions returning
   pointers. */
#include "test.h"

static int storage[4] = { 10, 20, 30, 40 };

static int *slot(int i) { return &storage[i]; }

static char *skip_spaces(char *s)
{
    while (*s == ' ')
        s++;
    return s;
}

int main(void)
{
    int *(*getter)(int) = slot;
    char text[] = "   word";
    *slot(1) = 21;
    ASSERT(21, storage[1]);
    ASSERT(40, *getter(3));
    ASSERT(1, getter(2) - getter(0) == 2);
    ASSERT_STR("word", skip_spaces(text));
    *skip_spaces(text) = 'W';
    ASSERT_STR("   Word", text);
    return 0;
}
