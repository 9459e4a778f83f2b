/* Enum constants as case labels and as array indexes. */
#include "test.h"

enum op { OP_ADD, OP_SUB, OP_MUL, OP_COUNT };

static int apply(enum op op, int a, int b)
{
    switch (op) {
    case OP_ADD: return a + b;
    case OP_SUB: return a - b;
    case OP_MUL: return a * b;
    default: return 0;
    }
}

int main(void)
{
    char *names[OP_COUNT] = { "add", "sub", "mul" };
    int i, results[OP_COUNT];
    for (i = OP_ADD; i < OP_COUNT; i++)
        results[i] = apply((enum op)i, 6, 3);
    ASSERT(9, results[OP_ADD]);
    ASSERT(3, results[OP_SUB]);
    ASSERT(18, results[OP_MUL]);
    ASSERT_STR("mul", names[OP_MUL]);
    ASSERT(0, apply(OP_COUNT, 1, 1));
    return 0;
}
