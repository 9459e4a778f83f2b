/* void * converts to and from any object pointer without a cast. */
#include "test.h"

static void *identity(void *p) { return p; }

static int sum_bytes(const void *p, int n)
{
    const unsigned char *b = p;
    int s = 0;
    while (n-- > 0)
        s += *b++;
    return s;
}

int main(void)
{
    int x = 77;
    void *v = &x;
    int *ip = v;
    char buf[4] = { 1, 2, 3, 4 };
    ASSERT(77, *ip);
    ip = identity(&x);
    ASSERT(77, *ip);
    ASSERT(10, sum_bytes(buf, 4));
    ASSERT(1, v == (void *)&x);
    ASSERT(1, (char *)v == (char *)&x);
    return 0;
}
