/* Text in a skipped #if group is not compiled and its directives are not
   executed (beyond tracking nesting), so errors there are harmless. */
#include "test.h"

#if 0
#error this must not fire
this is not C at all $ @ `
#include "no-such-file.h"
#define BROKEN(
#if nested_and_skipped
#else
#endif
#endif

#ifdef NOT_DEFINED
int broken = ;
#elif 0
#error neither this
#endif

int main(void)
{
    int r = 1;
#if 1
#else
    r = 2;
    #error nor this
#endif
    ASSERT(1, r);
    return 0;
}
