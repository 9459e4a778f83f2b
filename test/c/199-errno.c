/* errno is a modifiable lvalue, unchanged by successful calls, and set by
   strtol on overflow; the values are Linux's. */
#include "test.h"
#include <errno.h>

int main(void)
{
    ASSERT(34, ERANGE);
    ASSERT(22, EINVAL);
    ASSERT(12, ENOMEM);
    ASSERT(2, ENOENT);
    errno = 0;
    ASSERT(0, errno);
    errno = EINVAL;
    ASSERT(EINVAL, errno);
    errno++;
    ASSERT(23, errno);
    errno = 0;
    strtol("123", NULL, 10);
    ASSERT(0, errno);
    strtol("4294967296", NULL, 10);
    ASSERT(ERANGE, errno);
    errno = 0;
    return errno;
}
