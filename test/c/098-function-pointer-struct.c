/* Function pointers as struct members: an object with methods. */
#include "test.h"

struct counter {
    int value;
    void (*step)(struct counter *);
    int (*get)(struct counter *);
};

static void step_one(struct counter *c) { c->value += 1; }
static void step_ten(struct counter *c) { c->value += 10; }
static int get_value(struct counter *c) { return c->value; }

int main(void)
{
    struct counter a = { 0, step_one, get_value };
    struct counter b = { 100, step_ten, get_value };
    struct counter *all[2];
    int i, k;
    all[0] = &a;
    all[1] = &b;
    for (k = 0; k < 3; k++)
        for (i = 0; i < 2; i++)
            all[i]->step(all[i]);
    ASSERT(3, a.get(&a));
    ASSERT(130, b.get(&b));
    a.step = b.step;
    a.step(&a);
    ASSERT(13, a.value);
    return 0;
}
