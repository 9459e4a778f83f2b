/* #line N ["FILE"] renumbers the following lines for __LINE__ (and names
 * the file for __FILE__); its operands are macro-expanded, and a
 * `# N "FILE"` line marker means the same. (c-testsuite 00152.) */
#include "test.h"

#define BASE 1000
int main(void)
{
#line BASE
    ASSERT(1000, __LINE__);
    ASSERT(1001, __LINE__);
#line 50 "renamed.c"
    ASSERT(50, __LINE__);
    ASSERT_STR("renamed.c", __FILE__);
# 7 "marker.c"
    ASSERT(7, __LINE__);
    ASSERT_STR("marker.c", __FILE__);
#line 20
    ASSERT_STR("marker.c", __FILE__);   /* #line without a name keeps the last one */
    ASSERT(21, __LINE__);
    return 0;
}
