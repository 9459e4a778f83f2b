/* expand.c: a raw word to its value, when the command runs.
 *
 * '…' is literal; "…" expands $ and keeps \ only before $ ` " \ ; outside
 * quotes \x is x. $NAME and ${NAME} give the variable (empty when unset),
 * $? the last status, $! the last background pid, $$ the shell's pid, $#
 * the number of script arguments, $0…$9 the script's arguments. A word is
 * never split into several (no field splitting, no globbing): what you see
 * between blanks is one argument. */
#include <stdio.h>
#include <string.h>
#include "sh.h"

struct buf {
  char *s;
  int len;
  int cap;
};

static void put(struct buf *b, const char *s, int n) {
  if (b->len + n + 1 > b->cap) {
    int cap = (b->len + n + 1) * 2;
    char *p = arena_alloc(cap);
    memcpy(p, b->s, b->len);
    b->s = p;
    b->cap = cap;
  }
  memcpy(b->s + b->len, s, n);
  b->len += n;
  b->s[b->len] = 0;
}

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

/* Expands the $ at s into b; returns the characters consumed. */
static int dollar(struct buf *b, const char *s) {
  const char *v;
  int n;
  char name[64];
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

char *expand_word(const char *raw) {
  struct buf b;
  const char *s = raw;
  b.s = arena_alloc(16);
  b.len = 0;
  b.cap = 16;
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
          s += dollar(&b, s);
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
      s += dollar(&b, s);
    } else {
      put(&b, s, 1);
      s++;
    }
  }
  return b.s;
}

int is_assignment(const char *raw) {
  const char *eq = strchr(raw, '=');
  if (!eq || eq == raw)
    return 0;
  return valid_name(raw, eq - raw);
}
