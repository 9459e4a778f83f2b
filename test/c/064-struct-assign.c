/* Struct assignment copies every member; the copy is independent. */
#include "test.h"

struct rec { int a; char name[6]; short s; };

int main(void)
{
    struct rec x = { 1, "abc", 5 };
    struct rec y;
    struct rec z;
    y = x;
    ASSERT(1, y.a);
    ASSERT_STR("abc", y.name);
    ASSERT(5, y.s);
    y.name[0] = 'X';
    ASSERT('a', x.name[0]);
    z = y = x;
    ASSERT('a', z.name[0]);
    {
        struct rec arr[2];
        arr[1] = x;
        arr[0] = arr[1];
        ASSERT(5, arr[0].s);
    }
    return 0;
}
