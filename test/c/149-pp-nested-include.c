/* Nested includes: outer.h includes inner.h from its own directory;
   __FILE__ and __LINE__ inside a header refer to the header; a header
   without a guard can be included many times. */
#include "test.h"
#include "inc/outer.h"

int main(void)
{
    int total = 0
#include "inc/no-guard-counter.h"
#include "inc/no-guard-counter.h"
#include "inc/no-guard-counter.h"
        ;
    ASSERT(7, INNER_VALUE);
    ASSERT(70, OUTER_VALUE);
    ASSERT(14, inner_twice(7));
    ASSERT(8, outer_line());
    ASSERT(1, strstr(outer_file(), "outer.h") != NULL);
    ASSERT(3, total);
    ASSERT(20, __LINE__);
    return 0;
}
