/* The result type of ?: : pointer and null, void * and object pointer,
   char and int arms (promoted), struct arms. */
#include "test.h"

struct s { int v; };

int main(void)
{
    int x = 1;
    int value = 9;
    int *p = x ? &value : NULL;
    void *vp = &value;
    int *q = x ? vp : p;
    char c = -1;
    struct s a = { 1 }, b = { 2 }, r;
    ASSERT(9, *p);
    ASSERT(9, *q);
    ASSERT(4, sizeof(x ? c : c));
    ASSERT(-1, x ? c : 0);
    ASSERT(255, x ? (unsigned char)c : 0);
    r = x ? b : a;
    ASSERT(2, r.v);
    ASSERT(1, (x ? a : b).v);
    return 0;
}
