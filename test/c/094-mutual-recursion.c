/* Mutually recursive functions declared with prototypes before use. */
#include "test.h"

static int is_even(unsigned n);
static int is_odd(unsigned n);

static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }

/* A tiny recursive-descent evaluator: sums and products of digits. */
static const char *cursor;
static int expr(void);

static int factor(void)
{
    int v;
    if (*cursor == '(') {
        cursor++;
        v = expr();
        cursor++;
        return v;
    }
    return *cursor++ - '0';
}

static int term(void)
{
    int v = factor();
    while (*cursor == '*') {
        cursor++;
        v *= factor();
    }
    return v;
}

static int expr(void)
{
    int v = term();
    while (*cursor == '+') {
        cursor++;
        v += term();
    }
    return v;
}

static int eval(const char *s)
{
    cursor = s;
    return expr();
}

int main(void)
{
    ASSERT(1, is_even(10));
    ASSERT(0, is_even(7));
    ASSERT(1, is_odd(99));
    ASSERT(7, eval("1+2*3"));
    ASSERT(9, eval("(1+2)*3"));
    ASSERT(45, eval("(2+3)*(4+5)"));
    ASSERT(2, eval("((((2))))"));
    return 0;
}
