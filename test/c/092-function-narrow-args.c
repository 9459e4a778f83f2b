/* char and short parameters and return types: arguments are converted to
   the parameter type, return values to the return type. */
#include "test.h"

static char to_char(int x) { return x; }
static unsigned char to_uchar(int x) { return x; }
static short to_short(int x) { return x; }
static int echo_char(char c) { return c; }
static int echo_uchar(unsigned char c) { return c; }
static int add_shorts(short a, short b) { return a + b; }

int main(void)
{
    ASSERT(-56, to_char(200));
    ASSERT(200, to_uchar(200));
    ASSERT(44, to_uchar(300));
    ASSERT(-25536, to_short(40000));
    ASSERT(-1, echo_char(255));
    ASSERT(255, echo_uchar(-1));
    ASSERT(1, echo_uchar(257));
    ASSERT(60000, add_shorts(30000, 30000));
    ASSERT(0, add_shorts(65535, 1));
    return 0;
}
