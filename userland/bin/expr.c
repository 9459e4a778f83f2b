/* expr: evaluates an expression given as separate arguments, as GNU expr.
 *   expr 1 + 2 '*' 3      expr length abc      expr abc : 'a\(.\)'
 * Operators, loosest first: |  &  < <= = == != >= >  + -  * / %  :
 * (BRE match anchored at the start: the \(…\) text, or the length matched),
 * ( ), and the functions match S RE, substr S POS LEN, index S CHARS,
 * length S, + TOKEN (TOKEN as a string). Comparison is numeric when both
 * sides are integers, else by bytes. Integers are 32-bit.
 * Prints the result; status 0 when it is neither empty nor 0, 1 when it
 * is, 2 for a bad expression, 3 for another error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <regex.h>
#include <limits.h>

static char **tok;
static int ntok, pos;

static void syntax(void) {
  if (pos < ntok)
    fprintf(stderr, "expr: syntax error: unexpected argument '%s'\n", tok[pos]);
  else
    fprintf(stderr, "expr: syntax error: missing argument after '%s'\n", tok[pos - 1]);
  exit(2);
}

static char *num_str(long v) {
  char *s = malloc(16);
  if (!s) {
    fprintf(stderr, "expr: out of memory\n");
    exit(3);
  }
  sprintf(s, "%ld", v);
  return s;
}

/* Whether S is an integer (an optional -, then digits); its value in *v. */
static int is_int(const char *s, long *v) {
  const char *p = s;
  long n = 0;
  if (*p == '-')
    p++;
  if (!*p)
    return 0;
  for (; *p; p++) {
    if (*p < '0' || *p > '9')
      return 0;
    if (n > (LONG_MAX - (*p - '0')) / 10) {
      fprintf(stderr, "expr: integer is too large: '%s'\n", s);
      exit(2);
    }
    n = n * 10 + (*p - '0');
  }
  *v = s[0] == '-' ? -n : n;
  return 1;
}

static long to_int(const char *s) {
  long v;
  if (!is_int(s, &v)) {
    fprintf(stderr, "expr: non-integer argument\n");
    exit(2);
  }
  return v;
}

static int is_null(const char *s) {
  long v;
  return !*s || (is_int(s, &v) && v == 0);
}

static int at(const char *op) {
  return pos < ntok && strcmp(tok[pos], op) == 0;
}

static char *expr_or(void);

static char *match(const char *s, const char *pattern) {
  regex_t re;
  regmatch_t m[2];
  char *anchored = malloc(strlen(pattern) + 2);
  char *result;
  int err;
  if (!anchored)
    exit(3);
  sprintf(anchored, "^%s", pattern);
  err = regcomp(&re, anchored, 0);
  free(anchored);
  if (err) {
    char msg[128];
    regerror(err, &re, msg, sizeof msg);
    fprintf(stderr, "expr: %s\n", msg);
    exit(2);
  }
  if (regexec(&re, s, 2, m, 0) == 0) {
    if (re.re_nsub > 0) {
      int len = m[1].rm_so < 0 ? 0 : m[1].rm_eo - m[1].rm_so;
      result = malloc(len + 1);
      if (!result)
        exit(3);
      memcpy(result, s + (m[1].rm_so < 0 ? 0 : m[1].rm_so), len);
      result[len] = 0;
    } else {
      result = num_str(m[0].rm_eo);
    }
  } else {
    result = re.re_nsub > 0 ? "" : "0";
  }
  regfree(&re);
  return result;
}

static char *primary(void) {
  char *a, *b, *c;
  if (pos >= ntok)
    syntax();
  if (at("(")) {
    pos++;
    a = expr_or();
    if (!at(")"))
      syntax();
    pos++;
    return a;
  }
  if (at("+")) {
    pos++;
    if (pos >= ntok)
      syntax();
    return tok[pos++];
  }
  if (at("length") && pos + 1 < ntok) {
    pos++;
    return num_str(strlen(primary()));
  }
  if (at("match") && pos + 2 < ntok) {
    pos++;
    a = primary();
    b = primary();
    return match(a, b);
  }
  if (at("index") && pos + 2 < ntok) {
    size_t i;
    pos++;
    a = primary();
    b = primary();
    i = strcspn(a, b);
    return num_str(a[i] ? (long)i + 1 : 0);
  }
  if (at("substr") && pos + 3 < ntok) {
    long p, n, len;
    pos++;
    a = primary();
    b = primary();
    c = primary();
    len = strlen(a);
    if (!is_int(b, &p) || !is_int(c, &n) || p < 1 || p > len || n < 1)
      return "";
    if (n > len - p + 1)
      n = len - p + 1;
    c = malloc(n + 1);
    if (!c)
      exit(3);
    memcpy(c, a + p - 1, n);
    c[n] = 0;
    return c;
  }
  if (at(")"))
    syntax();
  return tok[pos++];
}

static char *expr_match(void) {
  char *a = primary();
  while (at(":")) {
    pos++;
    a = match(a, primary());
  }
  return a;
}

static char *expr_mul(void) {
  char *a = expr_match();
  while (at("*") || at("/") || at("%")) {
    char op = tok[pos++][0];
    char *b = expr_match();
    long x = to_int(a);
    long y = to_int(b);
    if (op != '*' && y == 0) {
      fprintf(stderr, "expr: division by zero\n");
      exit(2);
    }
    a = num_str(op == '*' ? x * y : op == '/' ? x / y : x % y);
  }
  return a;
}

static char *expr_add(void) {
  char *a = expr_mul();
  while (at("+") || at("-")) {
    char op = tok[pos++][0];
    char *b = expr_mul();
    long x = to_int(a);
    long y = to_int(b);
    a = num_str(op == '+' ? x + y : x - y);
  }
  return a;
}

static char *expr_cmp(void) {
  char *a = expr_add();
  while (at("<") || at("<=") || at("=") || at("==") || at("!=") || at(">=") || at(">")) {
    const char *op = tok[pos++];
    char *b = expr_add();
    long x, y;
    int r;
    if (is_int(a, &x) && is_int(b, &y))
      r = x < y ? -1 : x > y;
    else
      r = strcmp(a, b);
    if (op[0] == '<')
      r = op[1] ? r <= 0 : r < 0;
    else if (op[0] == '>')
      r = op[1] ? r >= 0 : r > 0;
    else if (op[0] == '!')
      r = r != 0;
    else
      r = r == 0;
    a = r ? "1" : "0";
  }
  return a;
}

static char *expr_and(void) {
  char *a = expr_cmp();
  while (at("&")) {
    char *b;
    pos++;
    b = expr_cmp();
    if (is_null(a) || is_null(b))
      a = "0";
  }
  return a;
}

static char *expr_or(void) {
  char *a = expr_and();
  while (at("|")) {
    char *b;
    pos++;
    b = expr_and();
    if (is_null(a))
      a = is_null(b) ? "0" : b;
  }
  return a;
}

int main(int argc, char **argv) {
  char *result;
  tok = argv + 1;
  ntok = argc - 1;
  if (ntok > 0 && strcmp(tok[0], "--") == 0) {
    tok++;
    ntok--;
  }
  if (ntok == 0) {
    fprintf(stderr, "expr: missing operand\n");
    return 2;
  }
  result = expr_or();
  if (pos < ntok)
    syntax();
  puts(result);
  return is_null(result) ? 1 : 0;
}
