/* #pragma push_macro("NAME") saves NAME's definition (or its absence) and
 * pop_macro restores it, innermost first, as gcc does. (c-testsuite 00206.) */
#include "test.h"

int main(void)
{
#define VALUE 111
    ASSERT(111, VALUE);
#pragma push_macro("VALUE")
#undef VALUE
#define VALUE 222
    ASSERT(222, VALUE);
#pragma push_macro("VALUE")
#undef VALUE
    int VALUE = 333;            /* not a macro now: an ordinary name */
    ASSERT(333, VALUE);
#pragma pop_macro("VALUE")
    ASSERT(222, VALUE);
#pragma pop_macro("VALUE")
    ASSERT(111, VALUE);
#pragma pop_macro("VALUE")
    ASSERT(111, VALUE);         /* nothing left to pop: unchanged */

#pragma push_macro("UNDEFINED_HERE")
#define UNDEFINED_HERE 5
    ASSERT(5, UNDEFINED_HERE);
#pragma pop_macro("UNDEFINED_HERE")
#ifdef UNDEFINED_HERE
    ASSERT(0, 1);               /* popping restored "not defined" */
#endif
    return 0;
}
