/* lex.c: text to tokens, for parse.c.
 *
 * Words are kept raw — quotes and backslashes included — because expansion
 * (expand.c) happens later, when the command runs. The lexer only needs
 * quotes to know where a word ends: inside '…' nothing is special, inside
 * "…" a backslash protects the next character, outside quotes a backslash
 * protects the next character and blanks; | & ; < > ( ) and blanks end a
 * word. $( … ), $(( … )), ${ … } and `…` are kept whole inside a word,
 * whatever they hold. A word of digits directly followed by < or > is the
 * fd of a redirection (2>file). `#` at the start of a word starts a
 * comment; backslash-newline joins lines. Reserved words are ordinary
 * words here: parse.c knows where a command starts.
 * Here-documents: parse.c registers each `<<WORD` (heredoc_pending); at
 * the next newline the lexer takes the following lines, up to the
 * delimiter line, as their bodies. Running out of text inside a quote, a
 * substitution or a here-document sets p->incomplete (more input may
 * finish it). */
#include <stdio.h>
#include <string.h>
#include "sh.h"

struct heredoc {
  struct heredoc *next;
  struct redir *r;
  char *delim;
  int strip_tabs;
};

static int is_blank(int c) {
  return c == ' ' || c == '\t' || c == '\r';
}

static int ends_word(int c) {
  return c == 0 || c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '|' || c == '&' || c == ';' || c == '<' ||
         c == '>' || c == '(' || c == ')';
}

static const char *skip_double_quoted(const char *s);

static const char *skip_single_quoted(const char *s) {
  s++;
  while (*s && *s != '\'')
    s++;
  return *s ? s + 1 : 0;
}

/* s just past the opening `open` of `$(` or `${`: just past the `close`
 * that balances it, or NULL when there is none. Quotes, backslashes and
 * inner substitutions are skipped whole; inside $( ), a # after a blank
 * starts a comment to the end of the line (it is a command there). */
static const char *skip_nested(const char *s, char open, char close) {
  int depth = 1;
  while (*s) {
    if (*s == '\'') {
      s = skip_single_quoted(s);
    } else if (*s == '"') {
      s = skip_double_quoted(s);
    } else if (*s == '\\') {
      if (!s[1])
        return 0;
      s += 2;
      continue;
    } else if (*s == '`' || (*s == '$' && (s[1] == '(' || s[1] == '{'))) {
      s = s[1] == '{' ? skip_braces(s) : skip_substitution(s);
    } else if (open == '(' && *s == '#' && (s[-1] == ' ' || s[-1] == '\n' || s[-1] == '\t')) {
      while (*s && *s != '\n')
        s++;
      continue;
    } else {
      if (*s == open)
        depth++;
      else if (*s == close && --depth == 0)
        return s + 1;
      s++;
      continue;
    }
    if (!s)
      return 0;
  }
  return 0;
}

/* s at `$(` or a backquote: just past its end, or NULL when it is not
 * closed. Parentheses nest (so $(( … )) and $( ( … ) ) balance); quotes,
 * backslashes and inner substitutions are skipped whole. A case pattern's
 * `)` inside $( ) is not handled (as in early shells). */
const char *skip_substitution(const char *s) {
  if (*s == '`') {
    s++;
    while (*s && *s != '`') {
      if (*s == '\\' && s[1])
        s++;
      s++;
    }
    return *s ? s + 1 : 0;
  }
  if (s[2] != '(') {
    int n = parse_substitution_end(s + 2);
    return n < 0 ? 0 : s + 2 + n;
  }
  return skip_nested(s + 2, '(', ')');
}

/* s at `${`: just past the matching }, or NULL. */
const char *skip_braces(const char *s) {
  return skip_nested(s + 2, '{', '}');
}

/* s at an opening ": just past the closing one, or NULL. */
static const char *skip_double_quoted(const char *s) {
  s++;
  while (*s && *s != '"') {
    if (*s == '\\' && s[1]) {
      s += 2;
    } else if (*s == '`' || (*s == '$' && (s[1] == '(' || s[1] == '{'))) {
      s = s[1] == '{' ? skip_braces(s) : skip_substitution(s);
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
  while (!ends_word(*s)) {
    if (*s == '`' || (*s == '$' && (s[1] == '(' || s[1] == '{'))) {
      s = s[1] == '{' ? skip_braces(s) : skip_substitution(s);
    } else if (*s == '\'') {
      s = skip_single_quoted(s);
    } else if (*s == '"') {
      s = skip_double_quoted(s);
    } else if (*s == '\\') {
      if (!s[1] || (s[1] == '\n' && !s[2]))
        return 0;
      s += 2;
      continue;
    } else {
      s++;
      continue;
    }
    if (!s)
      return 0;
  }
  return s;
}

void heredoc_pending(struct parser *p, struct redir *r, const char *raw, int strip_tabs) {
  struct heredoc *h = arena_alloc(sizeof *h);
  struct heredoc **tail = &p->pending;
  char *d = arena_alloc(strlen(raw) + 1);
  int n = 0;
  const char *s;
  /* the delimiter is the word with its quotes removed; any quote means
   * the body is taken literally */
  for (s = raw; *s; s++) {
    if (*s == '\'' || *s == '"') {
      r->quoted = 1;
      continue;
    }
    if (*s == '\\') {
      r->quoted = 1;
      if (s[1])
        s++;
    }
    d[n++] = *s;
  }
  d[n] = 0;
  h->r = r;
  h->delim = d;
  h->strip_tabs = strip_tabs;
  while (*tail)
    tail = &(*tail)->next;
  *tail = h;
}

/* Reads the bodies of the pending here-documents from p->pos (the start
 * of the line after the one that named them). */
static void read_heredocs(struct parser *p) {
  while (p->pending) {
    struct heredoc *h = p->pending;
    int dlen = strlen(h->delim);
    char *body = arena_alloc(p->len - p->pos + 1);
    int n = 0;
    for (;;) {
      int start = p->pos;
      int end = start;
      int has_newline;
      if (start >= p->len) {
        if (!p->final) {
          p->incomplete = 1;
          return;
        }
        break;   /* the text ends the body, as in dash and bash */
      }
      while (end < p->len && p->buf[end] != '\n')
        end++;
      has_newline = end < p->len;
      if (h->strip_tabs)
        while (start < end && p->buf[start] == '\t')
          start++;
      p->pos = has_newline ? end + 1 : end;
      if (end - start == dlen && memcmp(p->buf + start, h->delim, dlen) == 0)
        break;
      memcpy(body + n, p->buf + start, end - start);
      n += end - start;
      body[n++] = '\n';
    }
    body[n] = 0;
    h->r->word = body;
    p->pending = h->next;
  }
}

static int digits_then_redirect(const char *s) {
  const char *e = s;
  while (*e >= '0' && *e <= '9')
    e++;
  return e > s && (*e == '<' || *e == '>') ? (int)(e - s) : 0;
}

void lex_next(struct parser *p, struct token *t) {
  const char *b = p->buf;
  const char *s;
  int n;
  memset(t, 0, sizeof *t);
  for (;;) {
    while (p->pos < p->len && is_blank(b[p->pos]))
      p->pos++;
    if (b[p->pos] == '\\' && b[p->pos + 1] == '\n') {
      if (p->pos + 2 >= p->len)
        p->incomplete = 1;
      p->pos += 2;
      continue;
    }
    if (b[p->pos] == '#') {
      while (p->pos < p->len && b[p->pos] != '\n')
        p->pos++;
    }
    break;
  }
  t->start = p->pos;
  if (p->pos >= p->len || p->error || p->incomplete) {
    t->kind = TK_EOF;
    t->end = t->start;
    return;
  }
  s = b + p->pos;
  t->fd = -1;
  n = digits_then_redirect(s);
  if (n || *s == '<' || *s == '>') {
    int fd = -1;
    if (n) {
      fd = 0;
      while (*s >= '0' && *s <= '9')
        fd = fd * 10 + (*s++ - '0');
    }
    t->kind = TK_REDIR;
    t->fd = fd;
    if (s[0] == '<') {
      if (s[1] == '<') {
        t->redir = R_HEREDOC;
        t->strip_tabs = s[2] == '-';
        s += t->strip_tabs ? 3 : 2;
      } else if (s[1] == '&') {
        t->redir = R_DUPIN;
        s += 2;
      } else if (s[1] == '>') {
        t->redir = R_RDWR;
        s += 2;
      } else {
        t->redir = R_IN;
        s++;
      }
    } else if (s[1] == '>') {
      t->redir = R_APPEND;
      s += 2;
    } else if (s[1] == '&') {
      t->redir = R_DUPOUT;
      s += 2;
    } else if (s[1] == '|') {
      t->redir = R_CLOBBER;
      s += 2;
    } else {
      t->redir = R_OUT;
      s++;
    }
    p->pos = s - b;
  } else if (*s == '\n') {
    t->kind = TK_NEWLINE;
    p->pos++;
    if (p->pending)
      read_heredocs(p);
  } else if (*s == '|' || *s == '&' || *s == ';') {
    int twice = s[1] == s[0];
    if (*s == '|')
      t->kind = twice ? TK_OR : TK_PIPE;
    else if (*s == '&')
      t->kind = twice ? TK_AND : TK_AMP;
    else
      t->kind = twice ? TK_DSEMI : TK_SEMI;
    p->pos += twice ? 2 : 1;
  } else if (*s == '(' || *s == ')') {
    t->kind = *s == '(' ? TK_LPAREN : TK_RPAREN;
    p->pos++;
  } else {
    const char *e = word_end(s);
    if (!e) {
      p->incomplete = 1;
      p->unterminated = 1;
      t->kind = TK_EOF;
      t->end = t->start;
      return;
    }
    t->kind = TK_WORD;
    t->text = arena_strndup(s, e - s);
    p->pos = e - b;
  }
  t->end = p->pos;
}
