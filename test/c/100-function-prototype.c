/* Prototypes: declared before use and defined later, with and without
   parameter names; a call converts arguments to the parameter types. */
#include "test.h"

static int area(int, int);
static unsigned char low_byte(unsigned char b);
static int nothing_in(void);

int main(void)
{
    ASSERT(12, area(3, 4));
    ASSERT(0x34, low_byte(0x1234));
    ASSERT(99, nothing_in());
    return 0;
}

static int area(int w, int h) { return w * h; }
static unsigned char low_byte(unsigned char b) { return b; }
static int nothing_in(void) { return 99; }
