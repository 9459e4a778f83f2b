/* Complex declarators: pointer to function returning pointer, array of
   pointers to functions, function returning pointer to function, pointer
   to array of pointers. */
#include "test.h"

static int g_value = 3;
static int *get_ptr(int unused) { return &g_value + unused * 0; }
static int add1(int x) { return x + 1; }
static int mul2(int x) { return x * 2; }
static int (*choose(int which))(int) { return which ? mul2 : add1; }

int main(void)
{
    int *(*fp)(int) = get_ptr;
    int (*table[2])(int) = { add1, mul2 };
    int (*(*ptable)[2])(int) = &table;
    int x = 1, y = 2;
    int *row[2];
    int *(*prow)[2] = &row;
    int (*(*chooser)(int))(int) = choose;
    ASSERT(3, *fp(0));
    ASSERT(11, table[0](10));
    ASSERT(20, (*ptable)[1](10));
    ASSERT(8, choose(1)(4));
    ASSERT(5, chooser(0)(4));
    row[0] = &x;
    row[1] = &y;
    ASSERT(2, *(*prow)[1]);
    ASSERT(8, sizeof(table));
    return 0;
}
