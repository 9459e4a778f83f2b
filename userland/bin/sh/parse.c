/* parse.c: tokens to a tree, by the POSIX sh grammar (recursive descent).
 *
 *   command_line := and_or ((';' | '&') and_or)* [';' | '&'] NEWLINE
 *   list         := linebreak and_or ((';' | '&' | NEWLINE) linebreak and_or)*
 *   and_or       := pipeline (('&&' | '||') linebreak pipeline)*
 *   pipeline     := ['!'] command ('|' linebreak command)*
 *   command      := simple | compound redirection* | NAME '(' ')' linebreak compound
 *   compound     := '{' list '}' | '(' list ')' | if | while | until | for | case
 * A reserved word (if then else elif fi do done case esac while until for
 * { } !) counts only where a command starts, so `echo if` is an echo.
 * A function keeps its body as source text, re-parsed when it is called
 * (so it outlives the arena of the line that defined it); a pipeline
 * keeps its text for job messages.
 * Running out of tokens inside a construct sets p->incomplete (a reader
 * then adds the next line and parses again); anything else unexpected is
 * a syntax error, printed once, p->error set. */
#include <stdio.h>
#include <string.h>
#include "sh.h"

void parser_init(struct parser *p, const char *text, int len) {
  memset(p, 0, sizeof *p);
  p->buf = text;
  p->len = len;
}

static struct token *peek(struct parser *p) {
  if (!p->have_tok) {
    lex_next(p, &p->tok);
    p->have_tok = 1;
  }
  return &p->tok;
}

static void consume(struct parser *p) {
  peek(p);
  p->last_end = p->tok.end;
  p->have_tok = 0;
}

static int is_word(struct token *t, const char *w) {
  return t->kind == TK_WORD && strcmp(t->text, w) == 0;
}

static const char *token_text(struct token *t) {
  switch (t->kind) {
  case TK_WORD: return t->text;
  case TK_NEWLINE: return "newline";
  case TK_SEMI: return ";";
  case TK_DSEMI: return ";;";
  case TK_AMP: return "&";
  case TK_AND: return "&&";
  case TK_OR: return "||";
  case TK_PIPE: return "|";
  case TK_LPAREN: return "(";
  case TK_RPAREN: return ")";
  case TK_REDIR: return "redirection";
  }
  return "end of file";
}

static void *fail(struct parser *p) {
  struct token *t = peek(p);
  if (p->error || p->incomplete)
    return 0;
  if (t->kind == TK_EOF) {
    p->incomplete = 1;
    return 0;
  }
  p->error = 1;
  if (p->quiet)
    return 0;
  fprintf(stderr, "sh: syntax error: unexpected '%s'\n", token_text(t));
  p->error = 1;
  return 0;
}

void parse_report_incomplete(struct parser *p) {
  if (p->unterminated)
    fprintf(stderr, "sh: syntax error: unterminated quote or substitution\n");
  else
    fprintf(stderr, "sh: syntax error: unexpected end of file\n");
  p->error = 1;
}

static int expect_word(struct parser *p, const char *w) {
  if (!is_word(peek(p), w)) {
    fail(p);
    return 0;
  }
  consume(p);
  return 1;
}

static void linebreak(struct parser *p) {
  while (peek(p)->kind == TK_NEWLINE)
    consume(p);
}

static struct node *new_node(int kind) {
  struct node *n = arena_alloc(sizeof *n);
  n->kind = kind;
  return n;
}

static struct node *pair(int kind, struct node *a, struct node *b) {
  struct node *n;
  if (!a)
    return b;
  n = new_node(kind);
  n->a = a;
  n->b = b;
  return n;
}

/* where a compound list ends */
static int ends_list(struct token *t) {
  static const char *closers[] = { "then", "else", "elif", "fi", "do", "done", "esac", "}", 0 };
  int i;
  if (t->kind == TK_EOF || t->kind == TK_RPAREN || t->kind == TK_DSEMI)
    return 1;
  for (i = 0; closers[i]; i++)
    if (is_word(t, closers[i]))
      return 1;
  return 0;
}

static struct node *and_or(struct parser *p);

/* When & follows *item (it is consumed): *item made a background job
 * (N_BG) and 1; else 0. */
static int take_amp(struct parser *p, struct node **item) {
  struct node *bg;
  if (peek(p)->kind != TK_AMP)
    return 0;
  bg = new_node(N_BG);
  bg->a = *item;
  bg->text = (*item)->text;
  *item = bg;
  consume(p);
  return 1;
}

/* A list inside a compound command, up to its closing word (not consumed). */
static struct node *list(struct parser *p) {
  struct node *n = 0;
  for (;;) {
    struct node *item;
    linebreak(p);
    if (ends_list(peek(p)) || p->error || p->incomplete)
      break;
    item = and_or(p);
    if (!item)
      return 0;
    if (!take_amp(p, &item)) {
      if (peek(p)->kind != TK_SEMI && peek(p)->kind != TK_NEWLINE) {
        n = pair(N_SEQ, n, item);
        break;
      }
      consume(p);
    }
    n = pair(N_SEQ, n, item);
  }
  return n;
}

static struct node *nonempty_list(struct parser *p) {
  struct node *n = list(p);
  if (!n && !p->error && !p->incomplete)
    fail(p);
  return n;
}

static struct node *command(struct parser *p);

static struct node *pipeline(struct parser *p) {
  struct node *cmds[MAX_PIPE];
  int n = 0;
  int bang = 0;
  int start = peek(p)->start;
  struct node *pl;
  if (is_word(peek(p), "!")) {
    bang = 1;
    consume(p);
  }
  for (;;) {
    struct node *c = command(p);
    if (!c)
      return 0;
    if (n == MAX_PIPE) {
      fprintf(stderr, "sh: pipeline too long\n");
      p->error = 1;
      return 0;
    }
    cmds[n++] = c;
    if (peek(p)->kind != TK_PIPE)
      break;
    consume(p);
    linebreak(p);
  }
  pl = new_node(N_PIPE);
  pl->npipe = n;
  pl->bang = bang;
  pl->pipe = arena_alloc(n * sizeof(struct node *));
  memcpy(pl->pipe, cmds, n * sizeof(struct node *));
  pl->text = arena_strndup(p->buf + start, p->last_end - start);
  if (n == 1 && !cmds[0]->text)
    cmds[0]->text = pl->text;   /* a job of one program is named by it */
  return pl;
}

static struct node *and_or(struct parser *p) {
  int start = peek(p)->start;
  struct node *n = pipeline(p);
  while (n && (peek(p)->kind == TK_AND || peek(p)->kind == TK_OR)) {
    int kind = peek(p)->kind == TK_AND ? N_AND : N_OR;
    struct node *rhs;
    consume(p);
    linebreak(p);
    rhs = pipeline(p);
    if (!rhs)
      return 0;
    n = pair(kind, n, rhs);
  }
  if (n)
    n->text = arena_strndup(p->buf + start, p->last_end - start);
  return n;
}

/* A redirection at the current TK_REDIR token. */
static struct redir *redirection(struct parser *p) {
  struct token t = *peek(p);
  struct redir *r = arena_alloc(sizeof *r);
  consume(p);
  r->kind = t.redir;
  r->fd = t.fd >= 0 ? t.fd : (t.redir == R_IN || t.redir == R_DUPIN || t.redir == R_HEREDOC || t.redir == R_RDWR) ? 0 : 1;
  if (peek(p)->kind != TK_WORD)
    return fail(p);
  if (r->kind == R_HEREDOC) {
    r->word = "";
    heredoc_pending(p, r, peek(p)->text, t.strip_tabs);
  } else {
    r->word = peek(p)->text;
  }
  consume(p);
  return r;
}

static struct node *redirections(struct parser *p, struct node *n) {
  struct redir **tail = &n->redirs;
  while (n && peek(p)->kind == TK_REDIR) {
    struct redir *r = redirection(p);
    if (!r)
      return 0;
    *tail = r;
    tail = &r->next;
  }
  return n;
}

static struct node *if_clause(struct parser *p) {
  struct node *n = new_node(N_IF);
  consume(p);   /* if or elif */
  n->a = nonempty_list(p);
  if (!n->a || !expect_word(p, "then"))
    return 0;
  n->b = nonempty_list(p);
  if (!n->b)
    return 0;
  if (is_word(peek(p), "elif")) {
    n->c = if_clause(p);
    return n->c ? n : 0;
  }
  if (is_word(peek(p), "else")) {
    consume(p);
    n->c = nonempty_list(p);
    if (!n->c)
      return 0;
  }
  return expect_word(p, "fi") ? n : 0;
}

static struct node *do_group(struct parser *p) {
  struct node *body;
  if (!expect_word(p, "do"))
    return 0;
  body = nonempty_list(p);
  if (!body || !expect_word(p, "done"))
    return 0;
  return body;
}

static struct node *while_clause(struct parser *p, int kind) {
  struct node *n = new_node(kind);
  consume(p);
  n->a = nonempty_list(p);
  if (!n->a)
    return 0;
  n->b = do_group(p);
  return n->b ? n : 0;
}

static struct node *for_clause(struct parser *p) {
  struct node *n = new_node(N_FOR);
  struct strvec words;
  consume(p);
  if (peek(p)->kind != TK_WORD || !valid_name(peek(p)->text, strlen(peek(p)->text)))
    return fail(p);
  n->name = peek(p)->text;
  consume(p);
  linebreak(p);
  memset(&words, 0, sizeof words);
  if (is_word(peek(p), "in")) {
    n->has_in = 1;
    consume(p);
    while (peek(p)->kind == TK_WORD) {
      sv_push(&words, peek(p)->text);
      consume(p);
    }
    if (peek(p)->kind != TK_SEMI && peek(p)->kind != TK_NEWLINE)
      return fail(p);
    consume(p);
    linebreak(p);
  } else if (peek(p)->kind == TK_SEMI) {
    consume(p);
    linebreak(p);
  }
  n->words = words.v;
  n->nwords = words.n;
  n->a = do_group(p);
  return n->a ? n : 0;
}

static struct node *case_clause(struct parser *p) {
  struct node *n = new_node(N_CASE);
  struct case_item **tail = &n->items;
  consume(p);
  if (peek(p)->kind != TK_WORD)
    return fail(p);
  n->words = arena_alloc(sizeof(char *));
  n->words[0] = peek(p)->text;
  n->nwords = 1;
  consume(p);
  linebreak(p);
  if (!expect_word(p, "in"))
    return 0;
  for (;;) {
    struct case_item *it;
    struct strvec pats;
    linebreak(p);
    if (is_word(peek(p), "esac")) {
      consume(p);
      return n;
    }
    if (peek(p)->kind == TK_LPAREN)
      consume(p);
    memset(&pats, 0, sizeof pats);
    for (;;) {
      if (peek(p)->kind != TK_WORD)
        return fail(p);
      sv_push(&pats, peek(p)->text);
      consume(p);
      if (peek(p)->kind != TK_PIPE)
        break;
      consume(p);
    }
    if (peek(p)->kind != TK_RPAREN)
      return fail(p);
    consume(p);
    it = arena_alloc(sizeof *it);
    it->npats = pats.n;
    it->pats = pats.v;
    it->body = list(p);
    if (p->error || p->incomplete)
      return 0;
    *tail = it;
    tail = &it->next;
    if (peek(p)->kind == TK_DSEMI) {
      consume(p);
    } else if (!is_word(peek(p), "esac")) {
      return fail(p);
    }
  }
}

static struct node *compound(struct parser *p) {
  struct token *t = peek(p);
  struct node *n;
  if (t->kind == TK_LPAREN) {
    consume(p);
    n = new_node(N_SUBSHELL);
    n->a = nonempty_list(p);
    if (!n->a)
      return 0;
    if (peek(p)->kind != TK_RPAREN)
      return fail(p);
    consume(p);
  } else if (is_word(t, "{")) {
    consume(p);
    n = new_node(N_BRACE);
    n->a = nonempty_list(p);
    if (!n->a || !expect_word(p, "}"))
      return 0;
  } else if (is_word(t, "if")) {
    n = if_clause(p);
  } else if (is_word(t, "while")) {
    n = while_clause(p, N_WHILE);
  } else if (is_word(t, "until")) {
    n = while_clause(p, N_UNTIL);
  } else if (is_word(t, "for")) {
    n = for_clause(p);
  } else if (is_word(t, "case")) {
    n = case_clause(p);
  } else {
    return 0;
  }
  return n ? redirections(p, n) : 0;
}

static int starts_compound(struct token *t) {
  return t->kind == TK_LPAREN || is_word(t, "{") || is_word(t, "if") || is_word(t, "while") || is_word(t, "until") ||
         is_word(t, "for") || is_word(t, "case");
}

static struct node *function_definition(struct parser *p, char *name) {
  struct node *n = new_node(N_FUNC);
  int start;
  consume(p);   /* ( */
  if (peek(p)->kind != TK_RPAREN)
    return fail(p);
  consume(p);
  linebreak(p);
  if (!starts_compound(peek(p)))
    return fail(p);
  start = peek(p)->start;
  if (!compound(p))
    return 0;
  n->name = name;
  n->text = arena_strndup(p->buf + start, p->last_end - start);
  return n;
}

static struct node *command(struct parser *p) {
  struct token *t = peek(p);
  struct node *n;
  struct strvec words;
  struct redir **tail;
  if (starts_compound(t))
    return compound(p);
  if (t->kind != TK_WORD && t->kind != TK_REDIR)
    return fail(p);
  if (t->kind == TK_WORD && ends_list(t))
    return fail(p);
  n = new_node(N_SIMPLE);
  tail = &n->redirs;
  memset(&words, 0, sizeof words);
  for (;;) {
    t = peek(p);
    if (t->kind == TK_WORD) {
      char *w = t->text;
      consume(p);
      if (words.n == 0 && !n->redirs && peek(p)->kind == TK_LPAREN) {
        if (!valid_name(w, strlen(w)))
          return fail(p);
        return function_definition(p, w);
      }
      sv_push(&words, w);
    } else if (t->kind == TK_REDIR) {
      struct redir *r = redirection(p);
      if (!r)
        return 0;
      *tail = r;
      tail = &r->next;
    } else {
      break;
    }
  }
  n->words = words.v;
  n->nwords = words.n;
  return n;
}

/* s just after `$(`: the length of the command up to and including its
 * `)`, found by parsing it (so a case pattern's `)` does not end it), or
 * -1 when it does not end. */
int parse_substitution_end(const char *s) {
  struct parser *p = arena_alloc(sizeof *p);
  parser_init(p, s, strlen(s));
  p->quiet = 1;
  list(p);
  if (p->error || p->incomplete || peek(p)->kind != TK_RPAREN)
    return -1;
  return p->tok.end;
}

struct node *parse_next(struct parser *p) {
  struct node *n = 0;
  linebreak(p);
  if (peek(p)->kind == TK_EOF)
    return 0;
  for (;;) {
    struct node *item = and_or(p);
    if (!item)
      return 0;
    if (!take_amp(p, &item) && peek(p)->kind == TK_SEMI)
      consume(p);
    n = pair(N_SEQ, n, item);
    if (peek(p)->kind == TK_NEWLINE || peek(p)->kind == TK_EOF)
      break;
    if (p->error || p->incomplete)
      return 0;
    if (p->tok.kind != TK_WORD && p->tok.kind != TK_REDIR && p->tok.kind != TK_LPAREN)
      return fail(p);
  }
  if (p->incomplete || p->error)
    return 0;
  /* the newline (and the here-documents after it) belong to this command */
  if (peek(p)->kind == TK_NEWLINE)
    consume(p);
  if (p->incomplete)
    return 0;
  return n;
}
