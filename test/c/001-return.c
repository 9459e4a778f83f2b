/* The smallest program: main returns 0, and one ASSERT on a constant. */
#include "test.h"

int main(void)
{
    ASSERT(42, 40 + 2);
    return 0;
}
