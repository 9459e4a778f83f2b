/* Pointers to pointers: two levels of indirection, changing a pointer
   through a pointer to it. */
#include "test.h"

static void advance(char **pp) { (*pp)++; }

static void set_to(int **pp, int *target) { *pp = target; }

int main(void)
{
    int x = 1, y = 2;
    int *p = &x;
    int **pp = &p;
    int ***ppp = &pp;
    char *s = "hello";
    ASSERT(1, **pp);
    *pp = &y;
    ASSERT(2, *p);
    ***ppp = 9;
    ASSERT(9, y);
    set_to(&p, &x);
    ASSERT(1, *p);
    advance(&s);
    advance(&s);
    ASSERT('l', *s);
    ASSERT_STR("llo", s);
    return 0;
}
