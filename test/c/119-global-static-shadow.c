/* Locals shadow globals; a block-scope static with the same name as a
   global is a separate object. */
#include "test.h"

int x = 1;
static int y = 2;

static int read_global(void) { return x; }

int main(void)
{
    ASSERT(1, x);
    {
        int x = 10;
        ASSERT(10, x);
        ASSERT(1, read_global());
        {
            static int y = 20;
            y++;
            ASSERT(21, y);
        }
    }
    ASSERT(2, y);
    x = 5;
    ASSERT(5, read_global());
    return 0;
}
