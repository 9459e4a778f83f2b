/* exit(0) from deep inside nested calls ends the program with status 0 at
   once: code after the call never runs (if it did, main would return 3). */
#include "test.h"

static int reached;

static void level3(void)
{
    reached = 3;
    exit(0);
}

static void level2(void) { level3(); reached = 20; }
static void level1(void) { level2(); reached = 10; }

int main(void)
{
    ASSERT(0, reached);
    level1();
    return 3;
}
