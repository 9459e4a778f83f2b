/* regexec.c: runs a regular expression compiled by regcomp.c (the tree is
 * regex_impl.h) over a string; see regcomp.c for the matching rules. */
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include "regex_impl.h"

/* ---- matching ---- */

#define K_SEQ 1 /* then match node `node` */
#define K_REP 2 /* then maybe another iteration of repetition `node` */
#define K_CLOSE 3 /* group `node` ends here (it began at `start`) */

struct re_cont {
  int kind;
  int node;
  int count;          /* K_REP: iterations done, this one included */
  const char *start;  /* K_REP: where this iteration began */
  unsigned char *seen; /* K_REP: positions this loop already went on from */
  struct re_cont *next;
};

struct re_run {
  const struct re_prog *prog;
  const char *begin;
  const char *end;
  int eflags;
  int first_only;  /* stop at the first match, not the longest */
  const char *best;
  const char **caps;      /* 2 per group (start, end; 0 when unset), the path being tried */
  const char **best_caps; /* the same for the path that reached best */
};

static int match_node(struct re_run *r, int n, const char *s, struct re_cont *k);
static int match_rep(struct re_run *r, int n, int count, const char *s, const char *last_start, unsigned char *seen,
                     struct re_cont *k);

/* What remains after a node matched up to S. Returns 1 to stop searching. */
static int match_cont(struct re_run *r, const char *s, struct re_cont *k) {
  if (!k) {
    if (!r->best || s > r->best) {
      r->best = s;
      if (r->caps)
        memcpy(r->best_caps, r->caps, 2 * (r->prog->nsub + 1) * sizeof(char *));
    }
    return r->first_only || s == r->end;
  }
  if (k->kind == K_SEQ)
    return match_node(r, k->node, s, k->next);
  if (k->kind == K_CLOSE) {
    int g = r->prog->nodes[k->node].b;
    const char *old_start = r->caps[2 * g];
    const char *old_end = r->caps[2 * g + 1];
    int found;
    r->caps[2 * g] = k->start;
    r->caps[2 * g + 1] = s;
    found = match_cont(r, s, k->next);
    r->caps[2 * g] = old_start;
    r->caps[2 * g + 1] = old_end;
    return found;
  }
  return match_rep(r, k->node, k->count, s, k->start, k->seen, k->next);
}

static int match_one(const struct re_run *r, const struct re_node *n, int c) {
  if (n->type == N_CHAR)
    return c == n->a;
  if (n->type == N_ANY)
    return !(c == '\n' && (r->prog->cflags & REG_NEWLINE));
  return set_has(r->prog->sets + n->a * SET_BYTES, c);
}

static int match_rep(struct re_run *r, int n, int count, const char *s, const char *last_start, unsigned char *seen,
                     struct re_cont *k) {
  const struct re_node *node = &r->prog->nodes[n];
  struct re_cont frame;
  /* an iteration that matched nothing would repeat forever; the minimum
   * is then met by further empty iterations. After a non-empty one, an
   * empty iteration that the minimum does not need is not taken (the path
   * without it goes on from the same place), so a group keeps what its
   * last non-empty iteration matched, as glibc reports it. */
  if (count > 0 && s == last_start) {
    if (count > 1 && count - 1 >= node->min)
      return 0;
    return match_cont(r, s, k);
  }
  /* Past its minimum, an unbounded loop at S can do the same whatever path
   * led there (same continuation K, count no longer matters): a second
   * visit finds nothing new. This keeps (a*)*b or (a|aa)*c polynomial. */
  if (seen && node->max < 0 && count >= node->min) {
    int at = (int)(s - r->begin);
    if ((seen[at >> 3] >> (at & 7)) & 1)
      return 0;
    seen[at >> 3] |= (unsigned char)(1 << (at & 7));
  }
  if (node->max < 0 || count < node->max) {
    frame.kind = K_REP;
    frame.node = n;
    frame.count = count + 1;
    frame.start = s;
    frame.seen = seen;
    frame.next = k;
    if (match_node(r, node->a, s, &frame))
      return 1;
  }
  if (count >= node->min)
    return match_cont(r, s, k);
  return 0;
}

static int match_node(struct re_run *r, int n, const char *s, struct re_cont *k) {
  const struct re_node *node = &r->prog->nodes[n];
  struct re_cont frame;
  int newline = r->prog->cflags & REG_NEWLINE;
  switch (node->type) {
  case N_CHAR:
  case N_ANY:
  case N_SET:
    if (s < r->end && match_one(r, node, (unsigned char)*s))
      return match_cont(r, s + 1, k);
    return 0;
  case N_BOL:
    if ((s == r->begin && !(r->eflags & REG_NOTBOL)) || (newline && s > r->begin && s[-1] == '\n'))
      return match_cont(r, s, k);
    return 0;
  case N_EOL:
    if ((s == r->end && !(r->eflags & REG_NOTEOL)) || (newline && s < r->end && *s == '\n'))
      return match_cont(r, s, k);
    return 0;
  case N_CAT:
    frame.kind = K_SEQ;
    frame.node = node->b;
    frame.count = 0;
    frame.start = s;
    frame.seen = 0;
    frame.next = k;
    return match_node(r, node->a, s, &frame);
  case N_ALT:
    if (match_node(r, node->a, s, k))
      return 1;
    return match_node(r, node->b, s, k);
  case N_GROUP:
    if (!r->caps)
      return match_node(r, node->a, s, k);
    frame.kind = K_CLOSE;
    frame.node = n;
    frame.count = 0;
    frame.start = s;
    frame.seen = 0;
    frame.next = k;
    return match_node(r, node->a, s, &frame);
  case N_BACKREF: {
    const char *from = r->caps[2 * node->a];
    int len;
    int i;
    if (!from)
      return 0;
    len = (int)(r->caps[2 * node->a + 1] - from);
    if (r->end - s < len)
      return 0;
    for (i = 0; i < len; i++) {
      int x = (unsigned char)s[i];
      int y = (unsigned char)from[i];
      if (x != y && !((r->prog->cflags & REG_ICASE) && tolower(x) == tolower(y)))
        return 0;
    }
    return match_cont(r, s + len, k);
  }
  case N_REP: {
    const struct re_node *body = &r->prog->nodes[node->a];
    unsigned char *seen;
    int found;
    if (body->type == N_CHAR || body->type == N_ANY || body->type == N_SET) {
      int most = 0;
      while ((node->max < 0 || most < node->max) && s + most < r->end &&
             match_one(r, body, (unsigned char)s[most]))
        most++;
      for (; most >= node->min; most--)
        if (match_cont(r, s + most, k))
          return 1;
      return 0;
    }
    /* a new run of this loop: its own memory of visited positions (none
     * if memory is short: slower, still right) */
    seen = node->max < 0 && !r->prog->has_backref ? calloc((r->end - r->begin) / 8 + 1, 1) : 0;
    found = match_rep(r, n, 0, s, s, seen, k);
    free(seen);
    return found;
  }
  default:
    return match_cont(r, s, k);
  }
}

int regexec(const regex_t *preg, const char *string, size_t nmatch, regmatch_t *pmatch, int eflags) {
  struct re_run r;
  const char *start;
  size_t i;
  int ncaps;
  int result = REG_NOMATCH;
  if (!preg->re_guts)
    return REG_BADPAT;
  r.prog = preg->re_guts;
  r.begin = string;
  r.end = string + strlen(string);
  r.eflags = eflags;
  r.first_only = (r.prog->cflags & REG_NOSUB) || nmatch == 0 || !pmatch;
  r.caps = 0;
  r.best_caps = 0;
  ncaps = 2 * (r.prog->nsub + 1);
  /* groups are tracked only when someone looks at them */
  if (r.prog->has_backref || (!r.first_only && nmatch > 1 && r.prog->nsub > 0)) {
    r.caps = calloc(2 * ncaps, sizeof(char *));
    if (!r.caps)
      return REG_ESPACE;
    r.best_caps = r.caps + ncaps;
  }
  for (start = string; start <= r.end; start++) {
    r.best = 0;
    match_node(&r, r.prog->root, start, 0);
    if (r.best) {
      if (!(r.prog->cflags & REG_NOSUB) && pmatch) {
        for (i = 0; i < nmatch; i++) {
          const char *from = r.best_caps && (int)i <= r.prog->nsub ? r.best_caps[2 * i] : 0;
          pmatch[i].rm_so = from ? (regoff_t)(from - string) : -1;
          pmatch[i].rm_eo = from ? (regoff_t)(r.best_caps[2 * i + 1] - string) : -1;
        }
        if (nmatch > 0) {
          pmatch[0].rm_so = (regoff_t)(start - string);
          pmatch[0].rm_eo = (regoff_t)(r.best - string);
        }
      }
      result = 0;
      break;
    }
  }
  free(r.caps);
  return result;
}
