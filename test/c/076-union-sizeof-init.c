/* Union size rounds up to the alignment; an initializer sets the first
   member. */
#include "test.h"

union u1 { char c[5]; int i; };
union u2 { char c; short s; };
union u3 { int i; char c[3]; };

int main(void)
{
    union u3 x = { 0x01020304 };
    union u1 arr[2];
    ASSERT(8, sizeof(union u1));
    ASSERT(2, sizeof(union u2));
    ASSERT(4, sizeof(union u3));
    ASSERT(16, sizeof(arr));
    ASSERT(4, x.c[0]);
    ASSERT(3, x.c[1]);
    return 0;
}
