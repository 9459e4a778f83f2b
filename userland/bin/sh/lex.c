/* lex.c: one input line to tokens.
 *
 * Words are kept raw — quotes and backslashes included — because expansion
 * (expand.c) happens later, when the command runs. The lexer only needs
 * quotes to know where a word ends: inside '…' nothing is special, inside
 * "…" a backslash protects the next character, outside quotes a backslash
 * protects the next character and blanks, | & ; < > end a word. A word made
 * only of digits directly followed by < or > is the fd of a redirection
 * (2>file, 2>&1). `#` at the start of a word starts a comment, to the end
 * of its line. A newline is a `;` (so compound commands span lines), except
 * after | && || where the command goes on. $( … ), $(( … )) and `…` are
 * kept whole inside a word (in or out of double quotes), whatever blanks,
 * operators, parentheses and quotes they hold (skip_substitution). */
#include <stdio.h>
#include <string.h>
#include "sh.h"

static int is_blank(int c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int is_special(int c) {
  return c == '|' || c == '&' || c == ';' || c == '<' || c == '>';
}

static const char *skip_double_quoted(const char *s);

/* s at `$(` or a backquote: just past its end, or NULL when it is not
 * closed. Parentheses nest (so $(( … )) and $( ( … ) ) balance); quotes,
 * backslashes and inner substitutions are skipped whole. */
const char *skip_substitution(const char *s) {
  int depth = 1;
  if (*s == '`') {
    s++;
    while (*s && *s != '`') {
      if (*s == '\\' && s[1])
        s++;
      s++;
    }
    return *s ? s + 1 : 0;
  }
  s += 2;
  while (*s) {
    if (*s == '\'') {
      s++;
      while (*s && *s != '\'')
        s++;
      if (!*s)
        return 0;
      s++;
    } else if (*s == '"') {
      s = skip_double_quoted(s);
      if (!s)
        return 0;
    } else if (*s == '\\') {
      if (!s[1])
        return 0;
      s += 2;
    } else if (*s == '`' || (*s == '$' && s[1] == '(')) {
      s = skip_substitution(s);
      if (!s)
        return 0;
    } else if (*s == '(') {
      depth++;
      s++;
    } else if (*s == ')') {
      s++;
      if (--depth == 0)
        return s;
    } else {
      s++;
    }
  }
  return 0;
}

/* s at an opening ": just past the closing one, or NULL. */
static const char *skip_double_quoted(const char *s) {
  s++;
  while (*s && *s != '"') {
    if (*s == '\\' && s[1]) {
      s += 2;
    } else if (*s == '`' || (*s == '$' && s[1] == '(')) {
      s = skip_substitution(s);
      if (!s)
        return 0;
    } else {
      s++;
    }
  }
  return *s ? s + 1 : 0;
}

/* The end of the word starting at s, or NULL for an unterminated quote or substitution. */
static const char *word_end(const char *s) {
  while (*s && !is_blank(*s) && !is_special(*s)) {
    if (*s == '`' || (*s == '$' && s[1] == '(')) {
      s = skip_substitution(s);
      if (!s)
        return 0;
    } else if (*s == '\'') {
      s++;
      while (*s && *s != '\'')
        s++;
      if (!*s)
        return 0;
      s++;
    } else if (*s == '"') {
      s = skip_double_quoted(s);
      if (!s)
        return 0;
    } else if (*s == '\\') {
      if (!s[1])
        return 0;
      s += 2;
    } else {
      s++;
    }
  }
  return s;
}

int lex_incomplete(const char *line) {
  const char *s = line;
  int last_kind = 0;
  while (*s) {
    const char *e;
    if (is_blank(*s)) {
      s++;
      continue;
    }
    if (*s == '#') {
      while (*s && *s != '\n')
        s++;
      continue;
    }
    if (is_special(*s)) {
      if ((s[0] == '|' && s[1] == '|') || (s[0] == '&' && s[1] == '&')) {
        last_kind = T_AND;
        s += 2;
      } else {
        last_kind = *s == '|' ? T_PIPE : T_SEMI;
        s++;
      }
      continue;
    }
    e = word_end(s);
    if (!e)
      return 1;
    s = e;
    last_kind = T_WORD;
  }
  if (last_kind == T_PIPE || last_kind == T_AND)
    return 1;
  {
    /* an if/while/until/for still waiting for its fi/done */
    struct token *t = arena_alloc(sizeof(struct token) * MAX_TOKENS);
    int n;
    if (lex_line(line, t, MAX_TOKENS, &n) < 0)
      return 0;
    return tokens_open_compound(t, n);
  }
}

int lex_line(const char *line, struct token *tokens, int max, int *ntokens) {
  const char *s = line;
  int n = 0;
  while (*s) {
    struct token *t;
    const char *e;
    if (*s == '\n' && n > 0 && n < max - 1) {
      /* a newline ends a command, except after | && || (continued) */
      int k = tokens[n - 1].kind;
      if (k != T_PIPE && k != T_AND && k != T_OR && k != T_SEMI) {
        memset(&tokens[n], 0, sizeof tokens[n]);
        tokens[n++].kind = T_SEMI;
      }
    }
    if (is_blank(*s)) {
      s++;
      continue;
    }
    if (*s == '#') {
      /* to the end of this line only */
      while (*s && *s != '\n')
        s++;
      continue;
    }
    if (n >= max - 1) {
      fprintf(stderr, "sh: line too long\n");
      return -1;
    }
    t = &tokens[n];
    memset(t, 0, sizeof *t);
    /* an fd number directly before < or > */
    e = s;
    while (*e >= '0' && *e <= '9')
      e++;
    if (e > s && (*e == '<' || *e == '>')) {
      int fd = 0;
      while (s < e)
        fd = fd * 10 + (*s++ - '0');
      t->redir_fd = fd;
      t->kind = T_REDIR;
    } else if (*s == '<' || *s == '>') {
      t->redir_fd = *s == '<' ? 0 : 1;
      t->kind = T_REDIR;
    }
    if (t->kind == T_REDIR) {
      if (*s == '<') {
        t->redir_kind = R_IN;
        s++;
      } else if (s[1] == '>') {
        t->redir_kind = R_APPEND;
        s += 2;
      } else if (s[1] == '&') {
        const char *d = s + 2;
        int target = 0;
        if (*d < '0' || *d > '9') {
          fprintf(stderr, "sh: syntax error: >& needs a file descriptor\n");
          return -1;
        }
        while (*d >= '0' && *d <= '9')
          target = target * 10 + (*d++ - '0');
        t->redir_kind = R_DUP;
        t->dup_fd = target;
        s = d;
      } else {
        t->redir_kind = R_OUT;
        s++;
      }
      n++;
      continue;
    }
    if (*s == '|') {
      t->kind = s[1] == '|' ? T_OR : T_PIPE;
      s += t->kind == T_OR ? 2 : 1;
    } else if (*s == '&') {
      t->kind = s[1] == '&' ? T_AND : T_AMP;
      s += t->kind == T_AND ? 2 : 1;
    } else if (*s == ';') {
      t->kind = T_SEMI;
      s++;
    } else {
      e = word_end(s);
      if (!e) {
        fprintf(stderr, "sh: syntax error: unterminated quote or substitution\n");
        return -1;
      }
      t->kind = T_WORD;
      t->text = arena_strndup(s, e - s);
      s = e;
    }
    n++;
  }
  tokens[n].kind = T_END;
  *ntokens = n;
  return 0;
}
