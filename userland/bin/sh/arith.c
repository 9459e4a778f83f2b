/* arith.c: $(( expr )) — the shell's integer arithmetic.
 *
 * The text has already had its $-expansions done (expand.c), so what is
 * left is numbers, variable names and operators. A recursive-descent
 * evaluator over C's precedence: ?: || && | ^ & == != < <= > >= << >>
 * + - * / % ** (power, as bash: binds tighter than * and to the right)
 * and unary - + ! ~, with ( ). Values are 32-bit signed ints; a name is
 * its variable's value as a number (unset or empty is 0); NAME = e,
 * NAME += e, -= *= /= %= assign, and ++NAME, --NAME, NAME++, NAME-- step
 * it (bash's forms; POSIX leaves them optional). Invariants: nothing here ever
 * traps — division by zero is an error, INT_MIN / -1 wraps instead of
 * faulting, shift counts are taken mod 32 — and `&&`, `||`, `?:` skip
 * (evaluate without effects) the side they do not take. */
#include <stdio.h>
#include <string.h>
#include "sh.h"

struct arith {
  const char *s;     /* next character */
  int error;         /* set once; later errors are not reported */
  int skip;          /* > 0: parse only (no assignment, no division error) */
};

static int expr_cond(struct arith *a);

static void fail(struct arith *a, const char *what) {
  if (!a->error)
    fprintf(stderr, "sh: arithmetic: %s\n", what);
  a->error = 1;
}

static void blanks(struct arith *a) {
  while (*a->s == ' ' || *a->s == '\t' || *a->s == '\n')
    a->s++;
}

/* 1 and consumes op when it comes next (and is not the start of a longer
 * operator given in `not_followed`). */
static int accept(struct arith *a, const char *op, const char *not_followed) {
  int n = strlen(op);
  blanks(a);
  if (strncmp(a->s, op, n) != 0)
    return 0;
  if (not_followed && a->s[n] && strchr(not_followed, a->s[n]))
    return 0;
  a->s += n;
  return 1;
}

static int is_name_start(int c) {
  return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(int c) {
  return c >= '0' && c <= '9';
}

static int digit_value(int c) {
  if (is_digit(c))
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return 99;
}

/* A number in C's notation (123, 0x1f, 017) at *p; advances *p. -1 in
 * *bad when letters or digits follow that do not belong to it. */
static int parse_number(const char **p, int *bad) {
  const char *s = *p;
  unsigned v = 0;
  unsigned base = 10;
  if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    base = 16;
    s += 2;
  } else if (s[0] == '0') {
    base = 8;
  }
  while (digit_value(*s) < (int)base) {
    v = v * base + digit_value(*s);
    s++;
  }
  *bad = is_name_start(*s) || is_digit(*s);
  *p = s;
  return (int)v;
}

/* A variable's value as a number: unset, empty or not a number is 0. */
static int var_number(const char *name) {
  const char *v = var_get(name);
  const char *p;
  int neg = 0;
  int bad;
  int n;
  if (!v)
    return 0;
  while (*v == ' ' || *v == '\t')
    v++;
  if (*v == '-' || *v == '+') {
    neg = *v == '-';
    v++;
  }
  if (!is_digit(*v))
    return 0;
  p = v;
  n = parse_number(&p, &bad);
  return neg ? -n : n;
}

static int divide(struct arith *a, int x, int y, int remainder) {
  if (y == 0) {
    if (!a->skip)
      fail(a, "division by zero");
    return 0;
  }
  if (y == -1)   /* INT_MIN / -1 would fault the CPU */
    return remainder ? 0 : (int)(0u - (unsigned)x);
  return remainder ? x % y : x / y;
}

static void store(struct arith *a, const char *name, int value) {
  char text[16];
  if (a->skip || a->error)
    return;
  sprintf(text, "%d", value);
  var_set(name, text, 0);
}

/* ++NAME or --NAME (the operator already read): the new value */
static int pre_step(struct arith *a, int step) {
  char name[64];
  int n = 0;
  int value;
  blanks(a);
  while ((is_name_start(*a->s) || is_digit(*a->s)) && n < (int)sizeof name - 1)
    name[n++] = *a->s++;
  name[n] = 0;
  value = (int)((unsigned)var_number(name) + (unsigned)step);
  store(a, name, value);
  return value;
}

/* NAME, NAME = e, NAME op= e, NAME++, NAME-- */
static int variable(struct arith *a) {
  char name[64];
  int n = 0;
  int value;
  const char *ops = "+-*/%";
  char op = 0;
  while ((is_name_start(*a->s) || is_digit(*a->s)) && n < (int)sizeof name - 1)
    name[n++] = *a->s++;
  name[n] = 0;
  value = var_number(name);
  blanks(a);
  if ((a->s[0] == '+' || a->s[0] == '-') && a->s[1] == a->s[0]) {
    /* postfix: the old value, the variable stepped */
    store(a, name, (int)((unsigned)value + (a->s[0] == '+' ? 1u : 0u - 1u)));
    a->s += 2;
    return value;
  }
  if (a->s[0] && strchr(ops, a->s[0]) && a->s[1] == '=') {
    op = a->s[0];
    a->s += 2;
  } else if (a->s[0] == '=' && a->s[1] != '=') {
    op = '=';
    a->s++;
  } else {
    return value;
  }
  {
    int rhs = expr_cond(a);
    if (op == '+')
      value = (int)((unsigned)value + (unsigned)rhs);
    else if (op == '-')
      value = (int)((unsigned)value - (unsigned)rhs);
    else if (op == '*')
      value = (int)((unsigned)value * (unsigned)rhs);
    else if (op == '/' || op == '%')
      value = divide(a, value, rhs, op == '%');
    else
      value = rhs;
    store(a, name, value);
  }
  return value;
}

static int primary(struct arith *a) {
  blanks(a);
  if (accept(a, "(", 0)) {
    int v = expr_cond(a);
    if (!accept(a, ")", 0))
      fail(a, "syntax error: missing )");
    return v;
  }
  if ((a->s[0] == '+' || a->s[0] == '-') && a->s[1] == a->s[0]) {
    const char *after = a->s + 2;
    while (*after == ' ' || *after == '\t')
      after++;
    if (is_name_start(*after)) {
      int step = a->s[0] == '+' ? 1 : -1;
      a->s += 2;
      return pre_step(a, step);
    }
  }
  if (accept(a, "-", "-="))
    return (int)(0u - (unsigned)primary(a));
  if (accept(a, "+", "+="))
    return primary(a);
  if (accept(a, "!", "="))
    return !primary(a);
  if (accept(a, "~", 0))
    return ~primary(a);
  if (is_digit(*a->s)) {
    int bad;
    int v = parse_number(&a->s, &bad);
    if (bad)
      fail(a, "syntax error: bad number");
    return v;
  }
  if (is_name_start(*a->s))
    return variable(a);
  fail(a, *a->s ? "syntax error: operand expected" : "syntax error: expression expected");
  return 0;
}

/* x ** y, right to left; a negative exponent is an error (bash's) */
static int power(struct arith *a) {
  int base = primary(a);
  int e;
  unsigned r = 1;
  if (!accept(a, "**", "="))
    return base;
  e = power(a);
  if (e < 0) {
    fail(a, "exponent less than 0");
    return 0;
  }
  {
    /* by squaring: a huge exponent takes 31 steps, not e */
    unsigned b = (unsigned)base;
    while (e > 0) {
      if (e & 1)
        r *= b;
      b *= b;
      e >>= 1;
    }
  }
  return (int)r;
}

static int multiplicative(struct arith *a) {
  int v = power(a);
  for (;;) {
    if (accept(a, "*", "=*"))
      v = (int)((unsigned)v * (unsigned)power(a));
    else if (accept(a, "/", "="))
      v = divide(a, v, power(a), 0);
    else if (accept(a, "%", "="))
      v = divide(a, v, power(a), 1);
    else
      return v;
  }
}

static int additive(struct arith *a) {
  int v = multiplicative(a);
  for (;;) {
    if (accept(a, "+", "="))
      v = (int)((unsigned)v + (unsigned)multiplicative(a));
    else if (accept(a, "-", "="))
      v = (int)((unsigned)v - (unsigned)multiplicative(a));
    else
      return v;
  }
}

static int shift(struct arith *a) {
  int v = additive(a);
  for (;;) {
    if (accept(a, "<<", "="))
      v = (int)((unsigned)v << (additive(a) & 31));
    else if (accept(a, ">>", "="))
      v = v >> (additive(a) & 31);
    else
      return v;
  }
}

static int relational(struct arith *a) {
  int v = shift(a);
  for (;;) {
    if (accept(a, "<=", 0))
      v = v <= shift(a);
    else if (accept(a, ">=", 0))
      v = v >= shift(a);
    else if (accept(a, "<", "<"))
      v = v < shift(a);
    else if (accept(a, ">", ">"))
      v = v > shift(a);
    else
      return v;
  }
}

static int equality(struct arith *a) {
  int v = relational(a);
  for (;;) {
    if (accept(a, "==", 0))
      v = v == relational(a);
    else if (accept(a, "!=", 0))
      v = v != relational(a);
    else
      return v;
  }
}

static int bit_and(struct arith *a) {
  int v = equality(a);
  while (accept(a, "&", "&="))
    v = v & equality(a);
  return v;
}

static int bit_xor(struct arith *a) {
  int v = bit_and(a);
  while (accept(a, "^", "="))
    v = v ^ bit_and(a);
  return v;
}

static int bit_or(struct arith *a) {
  int v = bit_xor(a);
  while (accept(a, "|", "|="))
    v = v | bit_xor(a);
  return v;
}

static int logical_and(struct arith *a) {
  int v = bit_or(a);
  while (accept(a, "&&", 0)) {
    int rhs;
    if (!v)
      a->skip++;
    rhs = bit_or(a);
    if (!v)
      a->skip--;
    v = v && rhs;
  }
  return v;
}

static int logical_or(struct arith *a) {
  int v = logical_and(a);
  while (accept(a, "||", 0)) {
    int rhs;
    if (v)
      a->skip++;
    rhs = logical_and(a);
    if (v)
      a->skip--;
    v = v || rhs;
  }
  return v;
}

static int expr_cond(struct arith *a) {
  int c = logical_or(a);
  int yes;
  int no;
  if (!accept(a, "?", 0))
    return c;
  if (!c)
    a->skip++;
  yes = expr_cond(a);
  if (!c)
    a->skip--;
  if (!accept(a, ":", 0)) {
    fail(a, "syntax error: ':' expected");
    return 0;
  }
  if (c)
    a->skip++;
  no = expr_cond(a);
  if (c)
    a->skip--;
  return c ? yes : no;
}

int arith_eval(const char *text, int *result) {
  struct arith a;
  int v;
  a.s = text;
  a.error = 0;
  a.skip = 0;
  blanks(&a);
  if (!*a.s) {   /* $(( )) is 0 */
    *result = 0;
    return 0;
  }
  v = expr_cond(&a);
  blanks(&a);
  if (!a.error && *a.s)
    fail(&a, "syntax error: unexpected character");
  if (a.error)
    return -1;
  *result = v;
  return 0;
}
