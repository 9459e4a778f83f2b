/* The goto-cleanup idiom: error paths jump to labels that release
   resources in reverse order. */
#include "test.h"

static int released;

static int work(int fail_at)
{
    int status = 0;
    if (fail_at == 1) { status = -1; goto out; }
    released += 0;
    if (fail_at == 2) { status = -2; goto undo_first; }
    if (fail_at == 3) { status = -3; goto undo_second; }
    released += 100;
undo_second:
    released += 10;
undo_first:
    released += 1;
out:
    return status;
}

int main(void)
{
    released = 0;
    ASSERT(-1, work(1));
    ASSERT(0, released);
    ASSERT(-2, work(2));
    ASSERT(1, released);
    ASSERT(-3, work(3));
    ASSERT(12, released);
    ASSERT(0, work(0));
    ASSERT(123, released);
    return 0;
}
