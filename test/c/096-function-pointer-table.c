/* A dispatch table: an array of function pointers indexed by opcode. */
#include "test.h"

static int op_add(int a, int b) { return a + b; }
static int op_sub(int a, int b) { return a - b; }
static int op_mul(int a, int b) { return a * b; }
static int op_div(int a, int b) { return b ? a / b : 0; }

static int (*const ops[])(int, int) = { op_add, op_sub, op_mul, op_div };

struct instr { int op; int arg; };

int main(void)
{
    struct instr prog[5] = { { 0, 5 }, { 2, 6 }, { 1, 2 }, { 3, 4 }, { 2, -3 } };
    int acc = 1;
    int i;
    for (i = 0; i < 5; i++)
        acc = ops[prog[i].op](acc, prog[i].arg);
    ASSERT(-24, acc);
    ASSERT(4, sizeof(ops) / sizeof(ops[0]));
    ASSERT(8, (*ops[2])(2, 4));
    return 0;
}
