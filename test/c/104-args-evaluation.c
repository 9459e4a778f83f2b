/* Arguments that are themselves calls, with side effects on globals: each
   argument is evaluated exactly once (order is unspecified, so the test
   checks only the set of results). */
#include "test.h"

static int counter;
static int next(void) { return ++counter; }
static int sum3(int a, int b, int c) { return a + b + c; }
static int prod3(int a, int b, int c) { return a * b * c; }

int main(void)
{
    counter = 0;
    ASSERT(6, sum3(next(), next(), next()));
    ASSERT(3, counter);
    ASSERT(120, prod3(next(), next(), next()));
    ASSERT(6, counter);
    ASSERT(15, sum3(sum3(1, 2, 3), sum3(0, 0, 4), 5));
    return 0;
}
