/* if / else if / else chains, dangling else binding to the nearest if, and
   conditions of pointer and integer type. */
#include "test.h"

static int sign(int x)
{
    if (x < 0)
        return -1;
    else if (x == 0)
        return 0;
    else
        return 1;
}

static int dangling(int a, int b)
{
    int r = 0;
    if (a)
        if (b)
            r = 1;
        else
            r = 2;
    return r;
}

int main(void)
{
    char *p = "x";
    char *np = 0;
    int hit = 0;
    ASSERT(-1, sign(-5));
    ASSERT(0, sign(0));
    ASSERT(1, sign(8));
    ASSERT(1, dangling(1, 1));
    ASSERT(2, dangling(1, 0));
    ASSERT(0, dangling(0, 1));
    ASSERT(0, dangling(0, 0));
    if (p)
        hit++;
    if (np)
        hit += 10;
    if (!np)
        hit += 100;
    if (256)
        hit += 1000;
    ASSERT(1101, hit);
    return 0;
}
