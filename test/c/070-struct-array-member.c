/* Structs containing arrays, and arrays of structs containing arrays. */
#include "test.h"

struct buf { int len; char data[16]; };
struct matrix { int cells[2][2]; };

static int total(struct matrix *m)
{
    return m->cells[0][0] + m->cells[0][1] + m->cells[1][0] + m->cells[1][1];
}

int main(void)
{
    struct buf b;
    struct buf list[2];
    struct matrix m = { { { 1, 2 }, { 3, 4 } } };
    b.len = 3;
    strcpy(b.data, "abc");
    ASSERT('c', b.data[2]);
    ASSERT(20, sizeof(b));
    list[1] = b;
    list[1].data[0] = 'z';
    ASSERT_STR("zbc", list[1].data);
    ASSERT_STR("abc", b.data);
    ASSERT(10, total(&m));
    m.cells[1][1] = 40;
    ASSERT(46, total(&m));
    return 0;
}
