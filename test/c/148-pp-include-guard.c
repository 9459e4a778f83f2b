/* Including a guarded header twice defines its contents once. */
#include "test.h"
#include "inc/guarded.h"
#include "inc/guarded.h"

int main(void)
{
    struct guarded g;
    guarded_int n = 4;
    g.value = 3;
    ASSERT(7, g.value + n);
    ASSERT(1, guarded_count);
#ifdef GUARDED_H
    ASSERT(1, 1);
#else
    ASSERT(1, 0);
#endif
    return 0;
}
