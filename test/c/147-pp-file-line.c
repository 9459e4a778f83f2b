/* __FILE__ and __LINE__: the current file name and line number, also when
   used through a macro (expanded at the invocation). */
#include "test.h"

#define HERE __LINE__

int main(void)
{
    int first = __LINE__;
    int second = __LINE__;
    const char *file = __FILE__;
    ASSERT(1, second == first + 1);
    ASSERT(9, first);
    ASSERT(14, HERE);
    ASSERT(1, strstr(file, "147-pp-file-line.c") != NULL);
    ASSERT(16, __LINE__);
    return 0;
}
