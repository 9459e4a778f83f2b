/* Global structs with nested aggregate initializers: structs in structs,
   arrays in structs, arrays of structs. */
#include "test.h"

struct vec { int x, y; };
struct body { char name[8]; struct vec pos; struct vec path[3]; short mass; };

struct body sun = { "sun", { 0, 0 }, { { 1, 1 }, { 2, 2 } }, 999 };
struct body planets[2] = {
    { "earth", { 10, 20 }, { { 1, 2 }, { 3, 4 }, { 5, 6 } }, 5 },
    { "mars", { -7, 8 }, { { 0 } }, 1 }
};

int main(void)
{
    ASSERT_STR("sun", sun.name);
    ASSERT(2, sun.path[1].y);
    ASSERT(0, sun.path[2].x);
    ASSERT(999, sun.mass);
    ASSERT_STR("earth", planets[0].name);
    ASSERT(6, planets[0].path[2].y);
    ASSERT(-7, planets[1].pos.x);
    ASSERT(0, planets[1].path[2].y);
    ASSERT(1, planets[1].mass);
    return 0;
}
