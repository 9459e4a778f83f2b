/* parse.c: tokens to a list of pipelines.
 *
 * Grammar (a subset of POSIX sh):
 *   list     := pipeline ((';' | '&' | '&&' | '||') pipeline)* [';' | '&']
 *   pipeline := command ('|' command)*
 *   command  := (WORD | redirection)+
 * Each pipeline records the connector that follows it; exec.c walks the
 * list left to right, skipping a pipeline after && when the status is
 * non-zero and after || when it is zero (so `a && b || c` behaves as in
 * sh). Errors print `sh: syntax error: …` and reject the whole line. */
#include <stdio.h>
#include <string.h>
#include "sh.h"

static const char *token_name(struct token *t) {
  switch (t->kind) {
  case T_PIPE: return "|";
  case T_AND: return "&&";
  case T_OR: return "||";
  case T_SEMI: return ";";
  case T_AMP: return "&";
  case T_REDIR: return "redirection";
  case T_END: return "end of line";
  }
  return "word";
}

static int syntax_error(struct token *t) {
  fprintf(stderr, "sh: syntax error near unexpected '%s'\n", token_name(t));
  return -1;
}

int parse_tokens(struct token *tokens, int ntokens, const char *line, struct list *out) {
  int i = 0;
  (void)ntokens;
  (void)line;
  out->nitems = 0;
  while (tokens[i].kind != T_END) {
    struct pipeline *p;
    int start = i;
    if (out->nitems >= MAX_ITEMS) {
      fprintf(stderr, "sh: too many commands on one line\n");
      return -1;
    }
    p = arena_alloc(sizeof *p);
    for (;;) {
      struct command *c = arena_alloc(sizeof *c);
      if (p->ncmds >= MAX_PIPE) {
        fprintf(stderr, "sh: pipeline too long\n");
        return -1;
      }
      while (tokens[i].kind == T_WORD || tokens[i].kind == T_REDIR) {
        if (tokens[i].kind == T_WORD) {
          if (c->nwords >= MAX_WORDS) {
            fprintf(stderr, "sh: too many words\n");
            return -1;
          }
          c->words[c->nwords++] = tokens[i].text;
        } else {
          struct redir *r;
          if (c->nredirs >= MAX_REDIRS) {
            fprintf(stderr, "sh: too many redirections\n");
            return -1;
          }
          r = &c->redirs[c->nredirs++];
          r->kind = tokens[i].redir_kind;
          r->fd = tokens[i].redir_fd;
          r->dup_fd = tokens[i].dup_fd;
          if (r->kind != R_DUP) {
            if (tokens[i + 1].kind != T_WORD)
              return syntax_error(&tokens[i + 1]);
            r->word = tokens[++i].text;
          }
        }
        i++;
      }
      if (c->nwords == 0 && c->nredirs == 0)
        return syntax_error(&tokens[i]);
      c->words[c->nwords] = 0;
      p->cmds[p->ncmds++] = c;
      if (tokens[i].kind != T_PIPE)
        break;
      i++;
    }
    /* the pipeline's own text, for "[1] Done  sleep 2" */
    {
      int k;
      int len = 0;
      char *s;
      for (k = start; k < i; k++)
        len += (tokens[k].text ? strlen(tokens[k].text) : 4) + 1;
      s = arena_alloc(len + 1);
      for (k = start; k < i; k++) {
        if (k > start)
          strcat(s, " ");
        if (tokens[k].kind == T_WORD)
          strcat(s, tokens[k].text);
        else
          strcat(s, tokens[k].kind == T_PIPE ? "|" : "<>");
      }
      p->text = s;
    }
    p->connector = T_SEMI;
    if (tokens[i].kind == T_SEMI || tokens[i].kind == T_AMP || tokens[i].kind == T_AND || tokens[i].kind == T_OR) {
      p->connector = tokens[i].kind;
      i++;
      if ((p->connector == T_AND || p->connector == T_OR) && tokens[i].kind == T_END)
        return syntax_error(&tokens[i]);
    } else if (tokens[i].kind != T_END) {
      return syntax_error(&tokens[i]);
    }
    out->items[out->nitems++] = p;
  }
  return 0;
}
