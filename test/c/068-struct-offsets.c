/* Member offsets, measured with pointer differences. */
#include "test.h"

struct s {
    char c;
    int i;
    short h;
    char d;
    char *p;
    char tail[3];
};

#define OFFSET(var, m) ((char *)&(var).m - (char *)&(var))

int main(void)
{
    struct s v;
    ASSERT(0, OFFSET(v, c));
    ASSERT(4, OFFSET(v, i));
    ASSERT(8, OFFSET(v, h));
    ASSERT(10, OFFSET(v, d));
    ASSERT(12, OFFSET(v, p));
    ASSERT(16, OFFSET(v, tail));
    ASSERT(20, sizeof(v));
    ASSERT(1, (void *)&v == (void *)&v.c);
    return 0;
}
