/* Enums: constants count from 0; variables of enum type hold ints. */
#include "test.h"

enum color { RED, GREEN, BLUE };

int main(void)
{
    enum color c = BLUE;
    ASSERT(0, RED);
    ASSERT(1, GREEN);
    ASSERT(2, BLUE);
    ASSERT(2, c);
    c = GREEN;
    ASSERT(1, c);
    ASSERT(4, sizeof(enum color));
    ASSERT(4, sizeof(RED));
    ASSERT(3, RED + GREEN + BLUE);
    {
        enum { LOCAL_A = 10, LOCAL_B } e = LOCAL_B;
        ASSERT(11, e);
    }
    return 0;
}
