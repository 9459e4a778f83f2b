/* expand.c: a raw word to its fields, when the command runs.
 *
 * '…' is literal; "…" expands $ and ` and keeps \ only before $ ` " \
 * newline; outside quotes \x is x; a leading ~ or ~/ is $HOME. The $
 * forms are param.c's. The text is built in an ebuf whose mask says, per
 * character, whether it came from an unquoted expansion (M_SPLIT: IFS may
 * split there) and whether it was quoted (M_QUOTED: never a glob
 * character). Then, for expand_fields, POSIX field splitting: IFS white
 * space (space, tab, newline by default) separates fields and is trimmed;
 * any other IFS character ends a field, empty or not. Each field with an
 * unquoted * ? or [ is globbed (glob.c); no match leaves it as it is. A
 * word that expands to nothing gives no field unless it had quotes
 * ("" is one empty field; "$@" with no parameters is none). "$@" breaks
 * fields between parameters (eb_field_break).
 * An error (arithmetic, ${x?}, set -u) sets expand_error: 1, or 2 when a
 * non-interactive shell must exit; the caller does not run the command
 * and returns expand_failed() (which does that exit). */
#include <stdio.h>
#include <string.h>
#include "sh.h"

int expand_error;
struct strvec *expand_fields_out;

int expand_failed(void) {
  if (!interactive && expand_error == 2)
    shell_exit(2);
  return 1;
}

static int keep_empty;

void sv_push(struct strvec *sv, char *s) {
  if (sv->n + 1 >= sv->cap) {
    int cap = sv->cap ? sv->cap * 2 : 16;
    char **v = arena_alloc(cap * sizeof(char *));
    if (sv->n)
      memcpy(v, sv->v, sv->n * sizeof(char *));
    sv->v = v;
    sv->cap = cap;
  }
  sv->v[sv->n++] = s;
  sv->v[sv->n] = 0;
}

void eb_init(struct ebuf *b) {
  b->cap = 32;
  b->s = arena_alloc(b->cap);
  b->mask = arena_alloc(b->cap);
  b->len = 0;
}

void eb_put(struct ebuf *b, const char *s, int n, int mask) {
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
  memset(b->mask + b->len, mask, n);
  b->len += n;
  b->s[b->len] = 0;
}

char *ifs_value(void) {
  const char *ifs = var_get("IFS");
  return (char *)(ifs ? ifs : " \t\n");
}

static int is_glob_char(int c) {
  return c == '*' || c == '?' || c == '[';
}

/* A field's text as a pattern: quoted special characters escaped. */
static char *as_pattern(const char *s, const char *mask, int n, int *has_glob) {
  char *p = arena_alloc(2 * n + 1);
  int k = 0;
  int i;
  *has_glob = 0;
  for (i = 0; i < n; i++) {
    if ((mask[i] & M_QUOTED) && (is_glob_char(s[i]) || s[i] == '\\' || s[i] == ']'))
      p[k++] = '\\';
    else if (is_glob_char(s[i]))
      *has_glob = 1;
    p[k++] = s[i];
  }
  p[k] = 0;
  return p;
}

static void emit(struct strvec *out, const char *s, const char *mask, int n) {
  int has_glob;
  char *pat = as_pattern(s, mask, n, &has_glob);
  if (has_glob && !opt_noglob && glob_expand(pat, out) > 0)
    return;
  sv_push(out, arena_strndup(s, n));
}

/* Splits what b holds into out (IFS rules above) and empties b. */
static void split_into(struct ebuf *b, struct strvec *out) {
  const char *ifs = ifs_value();
  char *cur = arena_alloc(b->len + 1);
  char *cmask = arena_alloc(b->len + 1);
  int n = 0;
  int started = 0;
  int after_ws = 0;
  int emitted = 0;
  int i;
  for (i = 0; i < b->len; i++) {
    int c = (unsigned char)b->s[i];
    if ((b->mask[i] & M_SPLIT) && c && strchr(ifs, c)) {
      int ws = c == ' ' || c == '\t' || c == '\n';
      if (ws) {
        if (started) {
          emit(out, cur, cmask, n);
          emitted = 1;
          after_ws = 1;
        }
      } else {
        if (started || !after_ws) {
          emit(out, cur, cmask, n);
          emitted = 1;
        }
        after_ws = 0;
      }
      n = 0;
      started = 0;
      continue;
    }
    cur[n] = b->s[i];
    cmask[n] = b->mask[i];
    n++;
    started = 1;
    after_ws = 0;
  }
  if (started || (keep_empty && !emitted))
    emit(out, cur, cmask, n);
  b->len = 0;
}

void eb_field_break(struct ebuf *b, int quoted) {
  if (expand_fields_out) {
    keep_empty = quoted;
    split_into(b, expand_fields_out);
  } else {
    eb_put(b, " ", 1, M_SPLIT);
  }
}

static int backquote(struct ebuf *b, const char *s, int quoted) {
  const char *end = skip_substitution(s);
  char *cmd;
  char *out;
  int n = 0;
  const char *p;
  if (!end) {
    eb_put(b, s, 1, quoted ? M_QUOTED : 0);
    return 1;
  }
  /* inside backquotes \\ \` \$ stand for the character itself */
  cmd = arena_alloc(end - s);
  for (p = s + 1; p < end - 1; p++) {
    if (*p == '\\' && p + 1 < end - 1 && (p[1] == '\\' || p[1] == '`' || p[1] == '$'))
      p++;
    cmd[n++] = *p;
  }
  cmd[n] = 0;
  out = run_substitution(cmd);
  eb_put(b, out, strlen(out), quoted ? M_QUOTED : M_SPLIT);
  return end - s;
}

/* Is the inside of "…" at s exactly $@ or ${@}? */
static int quoted_at_only(const char *s) {
  return strncmp(s, "\"$@\"", 4) == 0 || strncmp(s, "\"${@}\"", 6) == 0;
}

/* The expansions of raw into b. in_quotes: raw is inside "…" already
 * (the word of ${x:-word} within quotes). */
static void expand_into(struct ebuf *b, const char *raw, int in_quotes) {
  const char *s = raw;
  if (*s == '~' && !in_quotes && (s[1] == 0 || s[1] == '/')) {
    const char *home = var_get("HOME");
    if (home) {
      eb_put(b, home, strlen(home), M_QUOTED);
      s++;
    }
  }
  while (*s) {
    if (*s == '\'' && !in_quotes) {
      const char *e = strchr(s + 1, '\'');
      if (!e)
        e = s + strlen(s);
      eb_put(b, s + 1, e - s - 1, M_QUOTED);
      keep_empty = 1;
      s = *e ? e + 1 : e;
    } else if (*s == '"') {
      if (!quoted_at_only(s) || npos > 0)
        keep_empty = 1;
      s++;
      while (*s && *s != '"') {
        if (*s == '\\' && s[1] == '\n') {
          s += 2;
        } else if (*s == '\\' && (s[1] == '$' || s[1] == '`' || s[1] == '"' || s[1] == '\\')) {
          eb_put(b, s + 1, 1, M_QUOTED);
          s += 2;
        } else if (*s == '$') {
          s += expand_dollar(b, s, 1);
        } else if (*s == '`') {
          s += backquote(b, s, 1);
        } else {
          eb_put(b, s, 1, M_QUOTED);
          s++;
        }
      }
      if (*s)
        s++;
    } else if (*s == '\\') {
      if (s[1] == '\n') {
        s += 2;
      } else if (in_quotes && !(s[1] == '$' || s[1] == '`' || s[1] == '"' || s[1] == '\\' || s[1] == '}')) {
        eb_put(b, s, 1, M_QUOTED);
        s++;
      } else if (s[1]) {
        eb_put(b, s + 1, 1, M_QUOTED);
        s += 2;
      } else {
        s++;
      }
    } else if (*s == '$') {
      s += expand_dollar(b, s, in_quotes);
    } else if (*s == '`') {
      s += backquote(b, s, in_quotes);
    } else {
      eb_put(b, s, 1, in_quotes ? M_QUOTED : 0);
      s++;
    }
  }
}

/* The word of ${x-word} and friends, expanded into b (param.c). */
void expand_part(struct ebuf *b, const char *raw, int quoted) {
  expand_into(b, raw, quoted);
}

char *expand_word(const char *raw) {
  struct ebuf b;
  struct strvec *saved = expand_fields_out;
  expand_fields_out = 0;
  eb_init(&b);
  expand_into(&b, raw, 0);
  expand_fields_out = saved;
  return b.s;
}

char *expand_assignment(const char *raw) {
  const char *eq = strchr(raw, '=');
  struct ebuf b;
  struct strvec *saved = expand_fields_out;
  expand_fields_out = 0;
  eb_init(&b);
  eb_put(&b, raw, eq + 1 - raw, M_QUOTED);
  expand_into(&b, eq + 1, 0);
  expand_fields_out = saved;
  return b.s;
}

char *expand_pattern(const char *raw) {
  struct ebuf b;
  int has_glob;
  struct strvec *saved = expand_fields_out;
  expand_fields_out = 0;
  eb_init(&b);
  expand_into(&b, raw, 0);
  expand_fields_out = saved;
  return as_pattern(b.s, b.mask, b.len, &has_glob);
}

int expand_fields(const char *raw, struct strvec *out) {
  struct ebuf b;
  struct strvec *saved = expand_fields_out;
  int saved_keep = keep_empty;
  eb_init(&b);
  keep_empty = 0;
  expand_fields_out = out;
  expand_into(&b, raw, 0);
  expand_fields_out = saved;
  if (expand_error) {
    keep_empty = saved_keep;
    return -1;
  }
  split_into(&b, out);
  keep_empty = saved_keep;
  return 0;
}

/* A here-document body: $ ` expanded, \ kept except before $ ` \ newline. */
char *expand_heredoc(const char *body) {
  struct ebuf b;
  const char *s = body;
  struct strvec *saved = expand_fields_out;
  expand_fields_out = 0;
  eb_init(&b);
  while (*s) {
    if (*s == '\\' && s[1] == '\n') {
      s += 2;
    } else if (*s == '\\' && (s[1] == '$' || s[1] == '`' || s[1] == '\\')) {
      eb_put(&b, s + 1, 1, M_QUOTED);
      s += 2;
    } else if (*s == '$') {
      s += expand_dollar(&b, s, 1);
    } else if (*s == '`') {
      s += backquote(&b, s, 1);
    } else {
      eb_put(&b, s, 1, M_QUOTED);
      s++;
    }
  }
  expand_fields_out = saved;
  return b.s;
}

int is_assignment(const char *raw) {
  const char *eq = strchr(raw, '=');
  if (!eq || eq == raw)
    return 0;
  return valid_name(raw, eq - raw);
}
