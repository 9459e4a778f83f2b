/* Global scalars with initializers of every basic type, including constant
   expressions and negative values. */
#include "test.h"

int gi = 42;
unsigned gu = 0xFFFFFFFFu;
char gc = 'g';
char gneg = -5;
unsigned char guc = 250;
short gs = -1234;
unsigned short gus = 60000;
long gl = -100000L;
int gexpr = 3 * 4 + (10 >> 1) - sizeof(int);
int gnot = !0 + ~0;

int main(void)
{
    ASSERT(42, gi);
    ASSERT(1, gu == 4294967295u);
    ASSERT('g', gc);
    ASSERT(-5, gneg);
    ASSERT(250, guc);
    ASSERT(-1234, gs);
    ASSERT(60000, gus);
    ASSERT(-100000, gl);
    ASSERT(13, gexpr);
    ASSERT(0, gnot);
    gi++;
    ASSERT(43, gi);
    return 0;
}
