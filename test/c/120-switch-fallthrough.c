/* switch: cases without break fall through into the next ones. */
#include "test.h"

static int trail(int n)
{
    int r = 0;
    switch (n) {
    case 1: r += 1;
    case 2: r += 10;
    case 3: r += 100;
        break;
    case 4: r += 1000;
    }
    return r;
}

static int vowel_class(char c)
{
    switch (c) {
    case 'a':
    case 'e':
    case 'i':
    case 'o':
    case 'u':
        return 1;
    case 'y':
        return 2;
    }
    return 0;
}

int main(void)
{
    ASSERT(111, trail(1));
    ASSERT(110, trail(2));
    ASSERT(100, trail(3));
    ASSERT(1000, trail(4));
    ASSERT(0, trail(5));
    ASSERT(1, vowel_class('o'));
    ASSERT(2, vowel_class('y'));
    ASSERT(0, vowel_class('z'));
    return 0;
}
