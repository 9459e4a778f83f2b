/* param.c: the $ forms of a word — $NAME, ${NAME}, the special
 * parameters ($@ $* $# $? $- $$ $! $0…$9 ${10}), ${#NAME}, the
 * conditional forms ${NAME-w} ${NAME:-w} ${NAME=w} ${NAME:=w} ${NAME?w}
 * ${NAME:?w} ${NAME+w} ${NAME:+w} (with the colon, empty counts as unset),
 * the pattern removals ${NAME%p} ${NAME%%p} ${NAME#p} ${NAME##p},
 * bash's ${NAME:OFF:LEN}, ${NAME/p/r} ${NAME//p/r} ${NAME/#p/r}
 * ${NAME/%p/r} and ${NAME^^} ${NAME,,} ${NAME^} ${NAME,} (not POSIX, but
 * in every script written for bash),
 * $(( … )) (arith.c) and $( … ) (subst.c).
 * What an unquoted expansion gives is marked M_SPLIT (IFS splits it
 * later); inside "…" it is M_QUOTED. "$@" gives one field per parameter
 * (eb_field_break), "$*" the parameters joined by IFS's first character.
 * With set -u, an unset parameter (other than $@ $*) is an error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

static int name_char(int c, int first) {
  if (c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
    return 1;
  return !first && c >= '0' && c <= '9';
}

static int is_special(int c) {
  return c == '@' || c == '*' || c == '#' || c == '?' || c == '-' || c == '$' || c == '!';
}

static char *number(int v) {
  char *s = arena_alloc(16);
  sprintf(s, "%d", v);
  return s;
}

static char *options_string(void) {
  char *s = arena_alloc(8);
  int n = 0;
  if (opt_errexit)
    s[n++] = 'e';
  if (opt_noglob)
    s[n++] = 'f';
  if (interactive)
    s[n++] = 'i';
  if (opt_nounset)
    s[n++] = 'u';
  if (opt_xtrace)
    s[n++] = 'x';
  if (opt_noclobber)
    s[n++] = 'C';
  s[n] = 0;
  return s;
}

/* $* and "$*": the parameters joined by IFS's first character. */
static char *joined_params(void) {
  const char *ifs = ifs_value();
  int len = 1;
  int i;
  char *s;
  for (i = 0; i < npos; i++)
    len += strlen(pos_args[i]) + 1;
  s = arena_alloc(len);
  for (i = 0; i < npos; i++) {
    int n = strlen(s);
    if (i > 0 && ifs[0]) {
      s[n++] = ifs[0];
      s[n] = 0;
    }
    strcat(s, pos_args[i]);
  }
  return s;
}

/* A parameter's value, NULL when unset. */
static const char *param_value(const char *name) {
  int c = name[0];
  if (c >= '0' && c <= '9') {
    int k = atoi(name);
    if (k == 0)
      return arg0;
    return k <= npos ? pos_args[k - 1] : 0;
  }
  if (name[1] == 0 && is_special(c)) {
    switch (c) {
    case '@':
    case '*': return npos ? joined_params() : 0;
    case '#': return number(npos);
    case '?': return number(last_status);
    case '-': return options_string();
    case '$': return number(shell_pid);
    case '!': return last_bg_pid ? number(last_bg_pid) : 0;
    }
  }
  return var_get(name);
}

static void put_value(struct ebuf *b, const char *v, int quoted) {
  eb_put(b, v, strlen(v), quoted ? M_QUOTED : M_SPLIT);
}

/* $@ or $*: fields or one joined string. */
static void put_params(struct ebuf *b, int star, int quoted) {
  int i;
  if (star && quoted) {
    put_value(b, joined_params(), 1);
    return;
  }
  for (i = 0; i < npos; i++) {
    if (i > 0)
      eb_field_break(b, quoted);
    put_value(b, pos_args[i], quoted);
  }
}

static int unset_error(const char *name) {
  fprintf(stderr, "sh: %s: parameter not set\n", name);
  expand_error = 2;
  return 0;
}

/* The text of a word inside ${…} expanded without splitting. */
static char *word_value(const char *raw, int quoted) {
  struct ebuf t;
  struct strvec *saved = expand_fields_out;
  expand_fields_out = 0;
  eb_init(&t);
  expand_part(&t, raw, quoted);
  expand_fields_out = saved;
  return t.s;
}

/* A pattern word (raw text) expanded, its quoted characters escaped so
 * that they match themselves. */
static char *pattern_text(const char *raw) {
  struct ebuf t;
  struct strvec *saved = expand_fields_out;
  char *pat;
  int k;
  int n;
  eb_init(&t);
  expand_fields_out = 0;
  expand_part(&t, raw, 0);
  expand_fields_out = saved;
  pat = arena_alloc(2 * t.len + 1);
  for (k = 0, n = 0; k < t.len; k++) {
    int c = t.s[k];
    if ((t.mask[k] & M_QUOTED) && (c == '*' || c == '?' || c == '[' || c == '\\'))
      pat[n++] = '\\';
    pat[n++] = c;
  }
  pat[n] = 0;
  return pat;
}

/* bash's ${NAME:OFFSET} and ${NAME:OFFSET:LENGTH}: arithmetic offsets, a
 * negative offset counting from the end (written ${v: -2}), a negative
 * length leaving that many off the end. */
static void substring(struct ebuf *b, const char *v, const char *spec, int quoted) {
  char *colon = strchr(spec, ':');
  char *off_text = colon ? arena_strndup(spec, colon - spec) : (char *)spec;
  int len = (int)strlen(v);
  int off;
  int count;
  if (arith_eval(word_value(off_text, 1), &off) < 0) {
    expand_error = 2;
    return;
  }
  if (off < 0)
    off = len + off < 0 ? 0 : len + off;
  if (off > len)
    off = len;
  count = len - off;
  if (colon) {
    int want;
    if (arith_eval(word_value(colon + 1, 1), &want) < 0) {
      expand_error = 2;
      return;
    }
    if (want < 0)
      want = len + want - off;
    if (want < 0) {
      fprintf(stderr, "sh: %s: substring expression < 0\n", colon + 1);
      expand_error = 2;
      return;
    }
    if (want < count)
      count = want;
  }
  eb_put(b, v + off, count, quoted ? M_QUOTED : M_SPLIT);
}

/* bash's ${NAME/PAT/REP} (first match), ${NAME//PAT/REP} (every one),
 * ${NAME/#PAT/REP} (at the start), ${NAME/%PAT/REP} (at the end); the
 * longest match at the leftmost place. spec is the text after the first /. */
static void replace(struct ebuf *b, const char *v, const char *spec, int quoted) {
  int all = 0;
  int anchor = 0;
  const char *p = spec;
  const char *slash;
  char *pat;
  char *rep;
  int len = (int)strlen(v);
  int i = 0;
  int done = 0;
  struct ebuf out;
  if (*p == '/')
    all = *p++;
  else if (*p == '#' || *p == '%')
    anchor = *p++;
  /* the pattern ends at the first / not escaped or quoted */
  for (slash = p; *slash; slash++) {
    if (*slash == '\\' && slash[1])
      slash++;
    else if (*slash == '\'') {
      const char *q = strchr(slash + 1, '\'');
      if (q)
        slash = q;
    } else if (*slash == '/')
      break;
  }
  pat = pattern_text(arena_strndup(p, slash - p));
  rep = *slash ? word_value(slash + 1, 1) : "";
  eb_init(&out);
  while (i <= len) {
    int m = -1;
    if (!done && (anchor != '#' || i == 0)) {
      if (anchor == '%')
        m = glob_match(pat, v + i) ? len - i : -1;
      else
        m = pattern_prefix(pat, v + i, 1);
      if (m == 0 && !anchor)
        m = -1;   /* an empty match replaces nothing (bash) */
    }
    if (m >= 0) {
      eb_put(&out, rep, strlen(rep), M_QUOTED);
      done = !all;
      if (m > 0) {
        i += m;
        continue;
      }
    }
    if (i < len)
      eb_put(&out, v + i, 1, M_QUOTED);
    i++;
  }
  eb_put(b, out.s, out.len, quoted ? M_QUOTED : M_SPLIT);
}

/* bash's ${NAME^^} ${NAME,,} (every letter) and ${NAME^} ${NAME,} (the
 * first) */
static void change_case(struct ebuf *b, const char *v, const char *op, int quoted) {
  char *t = arena_strndup(v, strlen(v));
  int k;
  for (k = 0; t[k]; k++) {
    if (k > 0 && !op[1])
      break;
    if (op[0] == '^' && t[k] >= 'a' && t[k] <= 'z')
      t[k] -= 32;
    else if (op[0] == ',' && t[k] >= 'A' && t[k] <= 'Z')
      t[k] += 32;
  }
  eb_put(b, t, strlen(t), quoted ? M_QUOTED : M_SPLIT);
}

/* ${…}: inner is the text between the braces. */
static void braced(struct ebuf *b, const char *inner, int quoted) {
  char name[64];
  int n = 0;
  int length = 0;
  const char *s = inner;
  const char *v;
  char op[3] = { 0, 0, 0 };
  int colon = 0;
  if (s[0] == '#' && s[1] && s[1] != '}') {
    length = 1;
    s++;
  }
  if (is_special(*s) || (*s >= '0' && *s <= '9' && !name_char(*s, 1))) {
    if (*s >= '0' && *s <= '9') {
      while (*s >= '0' && *s <= '9' && n < 62)
        name[n++] = *s++;
    } else {
      name[n++] = *s++;
    }
  } else {
    while (name_char(*s, n == 0) && n < 62)
      name[n++] = *s++;
  }
  name[n] = 0;
  if (n == 0) {
    fprintf(stderr, "sh: ${%s}: bad substitution\n", inner);
    expand_error = 2;
    return;
  }
  if (length) {
    if (*s) {
      fprintf(stderr, "sh: ${%s}: bad substitution\n", inner);
      expand_error = 2;
      return;
    }
    v = param_value(name);
    if (!v && opt_nounset && strcmp(name, "@") && strcmp(name, "*"))
      unset_error(name);
    eb_put(b, number(strlen(v ? v : "")), strlen(number(strlen(v ? v : ""))), quoted ? M_QUOTED : M_SPLIT);
    return;
  }
  if ((*s == ':' && s[1] && !strchr("-=?+", s[1])) || *s == '/' || *s == '^' || *s == ',') {
    /* bash's forms: substring, replacement, case */
    v = param_value(name);
    if (!v) {
      if (opt_nounset)
        unset_error(name);
      v = "";
    }
    if (*s == ':')
      substring(b, v, s + 1, quoted);
    else if (*s == '/')
      replace(b, v, s + 1, quoted);
    else if ((s[1] == 0 || (s[1] == s[0] && s[2] == 0)))
      change_case(b, v, s, quoted);
    else {
      fprintf(stderr, "sh: ${%s}: bad substitution\n", inner);
      expand_error = 2;
    }
    return;
  }
  if (*s == ':') {
    colon = 1;
    s++;
  }
  if (*s == '-' || *s == '=' || *s == '?' || *s == '+') {
    op[0] = *s++;
  } else if (!colon && (*s == '%' || *s == '#')) {
    op[0] = *s++;
    if (*s == op[0])
      op[1] = *s++;
  } else if (*s || colon) {
    fprintf(stderr, "sh: ${%s}: bad substitution\n", inner);
    expand_error = 2;
    return;
  }
  v = param_value(name);
  if (!op[0]) {
    if (!v && opt_nounset && strcmp(name, "@") && strcmp(name, "*")) {
      unset_error(name);
      return;
    }
    if (strcmp(name, "@") == 0 || strcmp(name, "*") == 0)
      put_params(b, name[0] == '*', quoted);
    else if (v)
      put_value(b, v, quoted);
    return;
  }
  {
    int is_set = v && (!colon || v[0]);
    switch (op[0]) {
    case '-':
      if (is_set) {
        if (strcmp(name, "@") == 0 || strcmp(name, "*") == 0)
          put_params(b, name[0] == '*', quoted);
        else
          put_value(b, v, quoted);
      } else {
        expand_part(b, s, quoted);
      }
      return;
    case '+':
      if (is_set)
        expand_part(b, s, quoted);
      return;
    case '=':
      if (!is_set) {
        char *w = word_value(s, quoted);
        if (!valid_name(name, strlen(name))) {
          fprintf(stderr, "sh: %s: cannot assign in this way\n", name);
          expand_error = 2;
          return;
        }
        if (var_set(name, w, 0) < 0) {
          expand_error = 2;
          return;
        }
        v = w;
      }
      put_value(b, v, quoted);
      return;
    case '?':
      if (!is_set) {
        char *w = word_value(s, quoted);
        fprintf(stderr, "sh: %s: %s\n", name, w[0] ? w : colon ? "parameter null or not set" : "parameter not set");
        expand_error = 2;
        return;
      }
      put_value(b, v, quoted);
      return;
    }
  }
  /* % %% # ## */
  if (!v) {
    if (opt_nounset)
      unset_error(name);
    return;
  }
  {
    char *pat = pattern_text(s);
    int cut;
    if (op[0] == '#') {
      cut = pattern_prefix(pat, v, op[1] != 0);
      put_value(b, cut >= 0 ? v + cut : v, quoted);
    } else {
      cut = pattern_suffix(pat, v, op[1] != 0);
      if (cut < 0) {
        put_value(b, v, quoted);
      } else {
        eb_put(b, v, strlen(v) - cut, quoted ? M_QUOTED : M_SPLIT);
      }
    }
  }
}

static void arithmetic(struct ebuf *b, const char *s, const char *end, int quoted) {
  int value;
  struct ebuf t;
  char *inner = arena_strndup(s + 3, end - 2 - (s + 3));
  struct strvec *saved = expand_fields_out;
  expand_fields_out = 0;
  eb_init(&t);
  expand_part(&t, inner, 1);
  expand_fields_out = saved;
  if (arith_eval(t.s, &value) < 0) {
    expand_error = 2;   /* fatal in a script, as in dash */
    return;
  }
  put_value(b, number(value), quoted);
}

int expand_dollar(struct ebuf *b, const char *s, int quoted) {
  const char *v;
  int n;
  char name[64];
  if (s[1] == '(') {
    const char *end = skip_substitution(s);
    if (!end) {
      eb_put(b, s, 1, quoted ? M_QUOTED : 0);
      return 1;
    }
    if (s[2] == '(' && end[-2] == ')') {
      arithmetic(b, s, end, quoted);
    } else {
      char *out = run_substitution(arena_strndup(s + 2, end - 1 - (s + 2)));
      put_value(b, out, quoted);
    }
    return end - s;
  }
  if (s[1] == '{') {
    const char *end = skip_braces(s);
    if (!end) {
      eb_put(b, s, 1, quoted ? M_QUOTED : 0);
      return 1;
    }
    braced(b, arena_strndup(s + 2, end - 1 - (s + 2)), quoted);
    return end - s;
  }
  if (s[1] == '@' || s[1] == '*') {
    put_params(b, s[1] == '*', quoted);
    return 2;
  }
  if (is_special(s[1]) || (s[1] >= '0' && s[1] <= '9')) {
    name[0] = s[1];
    name[1] = 0;
    v = param_value(name);
    if (v)
      put_value(b, v, quoted);
    else if (opt_nounset && s[1] != '!')
      unset_error(name);
    return 2;
  }
  if (!name_char(s[1], 1)) {
    eb_put(b, s, 1, quoted ? M_QUOTED : 0);
    return 1;
  }
  n = 1;
  while (name_char(s[n], 0) && n < (int)sizeof name)
    n++;
  memcpy(name, s + 1, n - 1);
  name[n - 1] = 0;
  v = var_get(name);
  if (v)
    put_value(b, v, quoted);
  else if (opt_nounset)
    unset_error(name);
  return n;
}
