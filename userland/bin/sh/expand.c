/* expand.c: a raw word to its value, when the command runs.
 *
 * '…' is literal; "…" expands $ and keeps \ only before $ ` " \ ; outside
 * quotes \x is x. $NAME and ${NAME} give the variable (empty when unset),
 * $? the last status, $! the last background pid, $$ the shell's pid, $#
 * the number of script arguments, $0…$9 the script's arguments.
 * $(( expr )) is arith.c's value of expr (after its own $-expansions);
 * $( cmd ) and `cmd` are cmd's output (subst.c), trailing newlines cut.
 * A variable never splits a word: only the output of an unquoted command
 * substitution is split into fields on blanks (IFS's default) and each
 * such field globbed (expand_fields); inside "…" it stays one field. To
 * know which characters may split, the buffer keeps a mask beside its
 * text: 1 for a character that came from an unquoted substitution.
 * An arithmetic error, or more fields than the caller has room for, sets
 * expand_error; the caller does not run the command. */
#include <stdio.h>
#include <string.h>
#include "sh.h"

int expand_error;

struct buf {
  char *s;
  char *mask;      /* per character: 1 when it may split a field */
  int len;
  int cap;
  int marking;     /* what put() writes into mask */
};

static void buf_init(struct buf *b) {
  b->s = arena_alloc(16);
  b->mask = arena_alloc(16);
  b->len = 0;
  b->cap = 16;
  b->marking = 0;
  b->s[0] = 0;
}

static void put(struct buf *b, const char *s, int n) {
  if (b->len + n + 1 > b->cap) {
    int cap = (b->len + n + 1) * 2;
    char *p = arena_alloc(cap);
    char *m = arena_alloc(cap);
    memcpy(p, b->s, b->len);
    memcpy(m, b->mask, b->len);
    b->s = p;
    b->mask = m;
    b->cap = cap;
  }
  memcpy(b->s + b->len, s, n);
  memset(b->mask + b->len, b->marking, n);
  b->len += n;
  b->s[b->len] = 0;
}

static char *expand_raw(const char *raw, struct buf *b);

static void put_number(struct buf *b, int v) {
  char tmp[16];
  sprintf(tmp, "%d", v);
  put(b, tmp, strlen(tmp));
}

static int name_char(int c, int first) {
  if (c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
    return 1;
  return !first && c >= '0' && c <= '9';
}

/* Only the $-expansions of text (quotes left as they are): the inside
 * of $(( )). */
static char *expand_dollars(const char *text, int len);

/* $(( … )) at s, ending just before `end`: its value into b. */
static void arithmetic(struct buf *b, const char *s, const char *end) {
  int value;
  char *inner = expand_dollars(s + 3, end - 2 - (s + 3));
  if (arith_eval(inner, &value) < 0) {
    expand_error = 1;
    return;
  }
  put_number(b, value);
}

/* $( … ) or `…` at s, ending just before `end`: its output into b,
 * marked as splittable unless quoted. */
static void substitution(struct buf *b, const char *s, const char *end, int quoted) {
  char *out;
  int saved = b->marking;
  if (*s == '`') {
    /* inside backquotes \ \` \$ stand for the character itself */
    char *cmd = arena_alloc(end - s);
    int n = 0;
    const char *p;
    for (p = s + 1; p < end - 1; p++) {
      if (*p == '\\' && p + 1 < end - 1 && (p[1] == '\\' || p[1] == '`' || p[1] == '$'))
        p++;
      cmd[n++] = *p;
    }
    cmd[n] = 0;
    out = run_substitution(cmd);
  } else {
    out = run_substitution(arena_strndup(s + 2, end - 1 - (s + 2)));
  }
  b->marking = !quoted;
  put(b, out, strlen(out));
  b->marking = saved;
}

/* Expands the $ at s into b; returns the characters consumed. */
static int dollar(struct buf *b, const char *s, int quoted) {
  const char *v;
  int n;
  char name[64];
  if (s[1] == '(') {
    const char *end = skip_substitution(s);
    if (!end) {
      put(b, s, 1);
      return 1;
    }
    if (s[2] == '(' && end[-2] == ')')
      arithmetic(b, s, end);
    else
      substitution(b, s, end, quoted);
    return end - s;
  }
  if (s[1] == '?') {
    put_number(b, last_status);
    return 2;
  }
  if (s[1] == '$') {
    put_number(b, shell_pid);
    return 2;
  }
  if (s[1] == '!') {
    if (last_bg_pid)
      put_number(b, last_bg_pid);
    return 2;
  }
  if (s[1] == '#') {
    put_number(b, script_argc > 0 ? script_argc - 1 : 0);
    return 2;
  }
  if (s[1] >= '0' && s[1] <= '9') {
    int k = s[1] - '0';
    if (k < script_argc)
      put(b, script_argv[k], strlen(script_argv[k]));
    return 2;
  }
  if (s[1] == '{') {
    n = 2;
    while (s[n] && s[n] != '}')
      n++;
    if (s[n] != '}' || n - 2 >= (int)sizeof name) {
      put(b, s, 1);
      return 1;
    }
    memcpy(name, s + 2, n - 2);
    name[n - 2] = 0;
    v = var_get(name);
    if (v)
      put(b, v, strlen(v));
    return n + 1;
  }
  if (!name_char(s[1], 1)) {
    put(b, s, 1);
    return 1;
  }
  n = 1;
  while (name_char(s[n], 0) && n < (int)sizeof name)
    n++;
  memcpy(name, s + 1, n - 1);
  name[n - 1] = 0;
  v = var_get(name);
  if (v)
    put(b, v, strlen(v));
  return n;
}

/* A backquote at s into b; the characters consumed. */
static int backquote(struct buf *b, const char *s, int quoted) {
  const char *end = skip_substitution(s);
  if (!end) {
    put(b, s, 1);
    return 1;
  }
  substitution(b, s, end, quoted);
  return end - s;
}

static char *expand_dollars(const char *text, int len) {
  struct buf b;
  char *copy = arena_strndup(text, len);
  const char *s = copy;
  buf_init(&b);
  while (*s) {
    if (*s == '$') {
      s += dollar(&b, s, 1);
    } else if (*s == '`') {
      s += backquote(&b, s, 1);
    } else {
      put(&b, s, 1);
      s++;
    }
  }
  return b.s;
}

char *expand_word(const char *raw) {
  struct buf b;
  return expand_raw(raw, &b);
}

static char *expand_raw(const char *raw, struct buf *bp) {
  struct buf b;
  const char *s = raw;
  buf_init(&b);
  while (*s) {
    if (*s == '\'') {
      const char *e = strchr(s + 1, '\'');
      if (!e)
        e = s + strlen(s);
      put(&b, s + 1, e - s - 1);
      s = *e ? e + 1 : e;
    } else if (*s == '"') {
      s++;
      while (*s && *s != '"') {
        if (*s == '\\' && (s[1] == '$' || s[1] == '`' || s[1] == '"' || s[1] == '\\')) {
          put(&b, s + 1, 1);
          s += 2;
        } else if (*s == '$') {
          s += dollar(&b, s, 1);
        } else if (*s == '`') {
          s += backquote(&b, s, 1);
        } else {
          put(&b, s, 1);
          s++;
        }
      }
      if (*s)
        s++;
    } else if (*s == '\\') {
      if (s[1]) {
        put(&b, s + 1, 1);
        s += 2;
      } else {
        s++;
      }
    } else if (*s == '$') {
      s += dollar(&b, s, 0);
    } else if (*s == '`') {
      s += backquote(&b, s, 0);
    } else {
      put(&b, s, 1);
      s++;
    }
  }
  *bp = b;
  return b.s;
}

static int is_blank(int c) {
  return c == ' ' || c == '\t' || c == '\n';
}

static int has_wildcard(const char *s) {
  return strchr(s, '*') || strchr(s, '?') || strchr(s, '[');
}

int expand_fields(const char *raw, char **out, int max) {
  struct buf b;
  int i;
  int n = 0;
  int start = -1;
  int marked = 0;
  expand_raw(raw, &b);
  if (expand_error || max <= 0)
    return expand_error ? -1 : 0;
  for (i = 0; i < b.len; i++)
    marked |= b.mask[i];
  if (!marked) {
    /* the word as written: one field, globbed when it has unquoted wildcards */
    if (has_glob_chars(raw)) {
      n = glob_expand(b.s, out, max);
      if (n > 0)
        return n;
    }
    out[0] = b.s;
    return 1;
  }
  for (i = 0; i <= b.len; i++) {
    int ends = i == b.len || (b.mask[i] && is_blank(b.s[i]));
    if (!ends) {
      if (start < 0)
        start = i;
      continue;
    }
    if (start >= 0) {
      char *field = arena_strndup(b.s + start, i - start);
      int g = 0;
      if (n == max) {
        /* a clear error rather than a command run on a cut list */
        fprintf(stderr, "sh: too many words from a substitution\n");
        expand_error = 1;
        return -1;
      }
      if (has_wildcard(field))
        g = glob_expand(field, out + n, max - n);
      if (g > 0)
        n += g;
      else
        out[n++] = field;
      start = -1;
    }
  }
  return n;
}

int is_assignment(const char *raw) {
  const char *eq = strchr(raw, '=');
  if (!eq || eq == raw)
    return 0;
  return valid_name(raw, eq - raw);
}
