/* typedef names for basic, pointer and array types. */
#include "test.h"

typedef int number;
typedef unsigned char byte;
typedef char *string;
typedef int triple[3];
typedef number *number_ptr;

int main(void)
{
    number n = 5;
    byte b = 300;
    string s = "typedef";
    triple t = { 1, 2, 3 };
    number_ptr p = &n;
    ASSERT(5, n);
    ASSERT(44, b);
    ASSERT('y', s[1]);
    ASSERT(12, sizeof(triple));
    ASSERT(3, t[2]);
    ASSERT(5, *p);
    ASSERT(1, sizeof(byte));
    return 0;
}
