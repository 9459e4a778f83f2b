/* Directive spelling: spaces before and after #, the null directive, and
   comments within directives. */
#include "test.h"

  #  define SPACED 3
#/* comment */define COMMENTED 4
#
#define WITH_COMMENT /* ignored */ 5 // also ignored
	#	ifdef	SPACED
#define SEEN 1
   #   endif

int main(void)
{
    ASSERT(3, SPACED);
    ASSERT(4, COMMENTED);
    ASSERT(5, WITH_COMMENT);
    ASSERT(1, SEEN);
    return 0;
}
