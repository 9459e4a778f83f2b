/* short arithmetic: 16-bit storage, sign extension on load, truncation on
   store. */
#include "test.h"

int main(void)
{
    short s = 32767;
    short t = -32768;
    short arr[3];
    s++;
    ASSERT(-32768, s);
    t--;
    ASSERT(32767, t);
    arr[0] = 70000;
    ASSERT(4464, arr[0]);
    arr[1] = -70000;
    ASSERT(-4464, arr[1]);
    arr[2] = 0xFFFF;
    ASSERT(-1, arr[2]);
    ASSERT(6, sizeof(arr));
    ASSERT(-2, (short)65534);
    ASSERT(1, (unsigned short)-1 == 65535);
    return 0;
}
