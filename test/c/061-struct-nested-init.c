/* Nested structs with nested initializers, including arrays inside. */
#include "test.h"

struct vec { int x, y; };
struct rect { struct vec min, max; };
struct shape {
    char name[8];
    struct rect box;
    int tags[3];
};

int main(void)
{
    struct rect r = { { 1, 2 }, { 3, 4 } };
    struct shape s = { "box", { { -1, -2 }, { 5, 6 } }, { 7, 8 } };
    ASSERT(1, r.min.x);
    ASSERT(4, r.max.y);
    ASSERT_STR("box", s.name);
    ASSERT(-2, s.box.min.y);
    ASSERT(5, s.box.max.x);
    ASSERT(8, s.tags[1]);
    ASSERT(0, s.tags[2]);
    s.box.max = r.min;
    ASSERT(2, s.box.max.y);
    ASSERT(36, sizeof(struct shape));
    return 0;
}
