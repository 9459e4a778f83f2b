/* Plain char is signed: values above 127 become negative, and loading a char
   sign-extends. */
#include "test.h"

int main(void)
{
    char c = 200;
    char d = (char)0x80;
    char e = -1;
    signed char sc = -5;
    char buf[2];
    ASSERT(-56, c);
    ASSERT(-128, d);
    ASSERT(1, d < 0);
    ASSERT(0, e == 255);
    ASSERT(1, e == -1);
    ASSERT(-5, sc);
    buf[0] = 0xF0;
    ASSERT(-16, buf[0]);
    ASSERT(1, buf[0] < 0);
    ASSERT(127, (char)127);
    ASSERT(-128, (char)128);
    ASSERT(0, (char)256);
    ASSERT(-1, (char)-1);
    return 0;
}
