/* control.c: the compound commands — if/elif/else/fi, while and until
 * loops, for NAME in WORDS — run straight from a line's tokens.
 *
 * run_tokens walks a token range statement by statement. A keyword counts
 * only where a command starts (first word, or after ; & && || | newline or
 * another keyword), so `echo if` is just an echo. Keyword matching counts
 * nesting, so compound commands nest. Anything else up to the next ; or &
 * is a plain list, handed to parse.c and exec.c. Newlines inside a
 * compound command arrive as ; tokens (lex.c), so scripts can spread one
 * over several lines. Errors print `sh: syntax error: …` and set status 2. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

static int is_word(struct token *t, const char *w) {
  return t->kind == T_WORD && strcmp(t->text, w) == 0;
}

static int is_keyword(struct token *t) {
  static const char *kw[] = { "if", "then", "elif", "else", "fi", "while", "until", "for", "do", "done", 0 };
  int i;
  if (t->kind != T_WORD)
    return 0;
  for (i = 0; kw[i]; i++)
    if (strcmp(t->text, kw[i]) == 0)
      return 1;
  return 0;
}

static int command_start(struct token *t, int i, int start) {
  int k;
  if (i == start)
    return 1;
  k = t[i - 1].kind;
  if (k == T_SEMI || k == T_AMP || k == T_AND || k == T_OR || k == T_PIPE)
    return 1;
  return is_keyword(&t[i - 1]) && !is_word(&t[i - 1], "for") && !is_word(&t[i - 1], "fi") && !is_word(&t[i - 1], "done");
}

static int opens(struct token *t) {
  return is_word(t, "if") || is_word(t, "while") || is_word(t, "until") || is_word(t, "for");
}

static int closes(struct token *t) {
  return is_word(t, "fi") || is_word(t, "done");
}

/* The first of the keywords a or b at nesting depth 0 in [from, end), or -1. */
static int find(struct token *t, int from, int end, int start, const char *a, const char *b) {
  int depth = 0;
  int i;
  for (i = from; i < end; i++) {
    if (t[i].kind != T_WORD || !command_start(t, i, start))
      continue;
    if (depth == 0 && (is_word(&t[i], a) || (b && is_word(&t[i], b))))
      return i;
    if (opens(&t[i]))
      depth++;
    else if (closes(&t[i]))
      depth--;
  }
  return -1;
}

/* 1 when the tokens hold an if/while/until/for without its fi/done. */
int tokens_open_compound(struct token *t, int n) {
  int depth = 0;
  int i;
  for (i = 0; i < n; i++) {
    if (t[i].kind != T_WORD || !command_start(t, i, 0))
      continue;
    if (opens(&t[i]))
      depth++;
    else if (closes(&t[i]))
      depth--;
  }
  return depth > 0;
}

static int syntax(const char *what) {
  fprintf(stderr, "sh: syntax error: %s\n", what);
  last_status = 2;
  return -1;
}

static void run_simple(struct token *t, int from, int to) {
  struct token *sub = arena_alloc(sizeof(struct token) * (to - from + 1));
  struct list *l = arena_alloc(sizeof(struct list));
  memcpy(sub, t + from, sizeof(struct token) * (to - from));
  sub[to - from].kind = T_END;
  if (parse_tokens(sub, to - from, "", l) < 0) {
    last_status = 2;
    return;
  }
  run_list(l);
}

static int run_if(struct token *t, int i, int end) {
  int cur = find(t, i + 1, end, i + 1, "then", 0);
  int fi = find(t, i + 1, end, i + 1, "fi", 0);
  if (cur < 0 || fi < 0)
    return syntax("'if' without 'then' … 'fi'");
  if (run_tokens(t, i + 1, cur) < 0)
    return -1;
  for (;;) {
    int next = find(t, cur + 1, fi + 1, cur + 1, "elif", "else");
    if (next < 0)
      next = fi;
    if (last_status == 0)
      return run_tokens(t, cur + 1, next) < 0 ? -1 : fi + 1;
    if (next == fi) {
      last_status = 0;
      return fi + 1;
    }
    if (is_word(&t[next], "else"))
      return run_tokens(t, next + 1, fi) < 0 ? -1 : fi + 1;
    cur = find(t, next + 1, fi, next + 1, "then", 0);
    if (cur < 0)
      return syntax("'elif' without 'then'");
    if (run_tokens(t, next + 1, cur) < 0)
      return -1;
  }
}

static int run_while(struct token *t, int i, int end, int until) {
  int doo = find(t, i + 1, end, i + 1, "do", 0);
  int done = doo < 0 ? -1 : find(t, doo + 1, end, doo + 1, "done", 0);
  int body_status = 0;
  if (doo < 0 || done < 0)
    return syntax("loop without 'do' … 'done'");
  while (!exit_requested) {
    if (run_tokens(t, i + 1, doo) < 0)
      return -1;
    if ((last_status == 0) == until)
      break;
    if (run_tokens(t, doo + 1, done) < 0)
      return -1;
    body_status = last_status;
  }
  last_status = body_status;
  return done + 1;
}

static int run_for(struct token *t, int i, int end) {
  int k = i + 2;
  int doo;
  int done;
  const char *name;
  char **values;
  int nvalues = 0;
  int v;
  if (i + 1 >= end || t[i + 1].kind != T_WORD)
    return syntax("'for' needs a variable name");
  name = t[i + 1].text;
  doo = find(t, i + 2, end, i + 2, "do", 0);
  done = doo < 0 ? -1 : find(t, doo + 1, end, doo + 1, "done", 0);
  if (doo < 0 || done < 0)
    return syntax("'for' without 'do' … 'done'");
  values = arena_alloc(sizeof(char *) * (MAX_FOR_WORDS + 1));
  if (k < doo && is_word(&t[k], "in")) {
    for (k++; k < doo && t[k].kind == T_WORD && nvalues < MAX_FOR_WORDS; k++) {
      int n;
      expand_error = 0;
      n = expand_fields(t[k].text, values + nvalues, MAX_FOR_WORDS - nvalues);
      if (n < 0) {
        last_status = 1;
        return done + 1;
      }
      nvalues += n;
    }
  } else {
    for (v = 1; v < script_argc && nvalues < MAX_WORDS; v++)
      values[nvalues++] = script_argv[v];
  }
  last_status = 0;
  for (v = 0; v < nvalues && !exit_requested; v++) {
    var_set(name, values[v], 0);
    if (run_tokens(t, doo + 1, done) < 0)
      return -1;
  }
  return done + 1;
}

int run_tokens(struct token *t, int start, int end) {
  int i = start;
  while (i < end && !exit_requested) {
    int next;
    if (t[i].kind == T_SEMI) {
      i++;
      continue;
    }
    if (is_word(&t[i], "if"))
      next = run_if(t, i, end);
    else if (is_word(&t[i], "while"))
      next = run_while(t, i, end, 0);
    else if (is_word(&t[i], "until"))
      next = run_while(t, i, end, 1);
    else if (is_word(&t[i], "for"))
      next = run_for(t, i, end);
    else if (is_keyword(&t[i])) {
      fprintf(stderr, "sh: syntax error near unexpected '%s'\n", t[i].text);
      last_status = 2;
      return -1;
    } else {
      int j = i;
      while (j < end && t[j].kind != T_SEMI && t[j].kind != T_AMP)
        j++;
      if (j < end && t[j].kind == T_AMP)
        j++;
      run_simple(t, i, j);
      next = j;
    }
    if (next < 0)
      return -1;
    i = next;
  }
  return 0;
}
