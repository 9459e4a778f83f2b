/* Object-oriented C: a base struct with a pointer to a table of function
   pointers, two "subclasses" embedding the base as first member. */
#include "test.h"

struct shape;
struct shape_ops {
    int (*area)(const struct shape *);
    const char *(*name)(void);
};
struct shape { const struct shape_ops *ops; };
struct rect { struct shape base; int w, h; };
struct square { struct shape base; int side; };

static int rect_area(const struct shape *s)
{
    const struct rect *r = (const struct rect *)s;
    return r->w * r->h;
}
static const char *rect_name(void) { return "rect"; }
static int square_area(const struct shape *s)
{
    const struct square *q = (const struct square *)s;
    return q->side * q->side;
}
static const char *square_name(void) { return "square"; }

static const struct shape_ops rect_ops = { rect_area, rect_name };
static const struct shape_ops square_ops = { square_area, square_name };

int main(void)
{
    struct rect r = { { &rect_ops }, 3, 4 };
    struct square q = { { &square_ops }, 5 };
    struct shape *shapes[2];
    int i, total = 0;
    shapes[0] = &r.base;
    shapes[1] = (struct shape *)&q;
    for (i = 0; i < 2; i++)
        total += shapes[i]->ops->area(shapes[i]);
    ASSERT(37, total);
    ASSERT_STR("square", shapes[1]->ops->name());
    ASSERT_STR("rect", shapes[0]->ops->name());
    return 0;
}
