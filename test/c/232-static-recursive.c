/* A static local shared by every activation of a recursive function, next
   to an automatic local that is private to each. */
#include "test.h"

static int visit(int depth)
{
    static int visits;
    int mine = depth * 2;
    visits++;
    if (depth > 0)
        visit(depth - 1);
    if (mine != depth * 2)
        return -1;
    return visits;
}

int main(void)
{
    ASSERT(11, visit(10));
    ASSERT(14, visit(2));
    return 0;
}
