/* break inside a switch leaves the switch, continue inside a switch goes to
   the enclosing loop. */
#include "test.h"

int main(void)
{
    int i, evens = 0, threes = 0, others = 0;
    for (i = 0; i < 12; i++) {
        switch (i % 6) {
        case 0:
        case 2:
        case 4:
            evens++;
            continue;
        case 3:
            threes++;
            break;
        default:
            break;
        }
        others++;
    }
    ASSERT(6, evens);
    ASSERT(2, threes);
    ASSERT(6, others);
    return 0;
}
