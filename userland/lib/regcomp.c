/* regcomp.c: POSIX regular expressions, compiled to a small tree (and
 * matched by backtracking in regexec.c; the tree is regex_impl.h).
 *
 * Owns regcomp/regexec/regfree/regerror. regcomp parses basic (default) or
 * extended (REG_EXTENDED) syntax into an array of nodes (characters, any,
 * sets as 256-bit maps, anchors, concatenation, alternation, groups and
 * repetition {min,max}); REG_ICASE is folded into the sets at compile time
 * so matching never looks at case. BRE also takes GNU's \| \+ \? and both
 * take \w \W \s \S; both take back-references \1..\9 to a group opened
 * before them (else REG_ESUBREG), as glibc does.
 *
 * regexec tries each start position left to right and, from there, every
 * way to match, continuing through an explicit chain of continuation frames
 * on the C stack (what remains after the current node). It keeps the
 * longest end, so pmatch[0] is POSIX's leftmost-longest match; with
 * REG_NOSUB or no pmatch it stops at the first success. A group records
 * where it matched only when its closing continuation runs, and restores
 * the old record when that path fails, so the records always describe the
 * path being tried; the path that first reaches the longest end (greedy
 * loops first, left alternatives first) gives pmatch[1..]. Invariants: a
 * repetition whose body matched the empty string stops iterating (so
 * `(a*)*` terminates); an unbounded repetition past its minimum goes on
 * from each position at most once per run (a bitmap), so nested loops stay
 * polynomial (not with back-references, whose outcome depends on the
 * path); a repetition of a single-character node is matched with a
 * loop, not recursion, so `.*` over a long line does not go deep. */
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include "regex_impl.h"

struct re_parse {
  const char *p;
  const char *end;
  int ext;
  struct re_prog *prog;
  int err;
  int depth;
  int nsub;
};

static int new_node(struct re_parse *ps, int type, int a, int b) {
  struct re_node *n;
  if (ps->prog->nnodes >= ps->prog->node_cap) {
    ps->err = REG_ESIZE;
    return -1;
  }
  n = &ps->prog->nodes[ps->prog->nnodes];
  n->type = type;
  n->a = a;
  n->b = b;
  n->min = 0;
  n->max = 0;
  return ps->prog->nnodes++;
}

static unsigned char *new_set(struct re_parse *ps, int *index) {
  unsigned char *s;
  if (ps->prog->nsets >= ps->prog->set_cap) {
    ps->err = REG_ESIZE;
    return 0;
  }
  *index = ps->prog->nsets++;
  s = ps->prog->sets + *index * SET_BYTES;
  memset(s, 0, SET_BYTES);
  return s;
}

static void set_add(unsigned char *set, int c) {
  set[(c >> 3) & 31] |= (unsigned char)(1 << (c & 7));
}

/* Adds the other case of every letter already present (REG_ICASE). */
static void set_fold_case(unsigned char *set) {
  int c;
  for (c = 'a'; c <= 'z'; c++) {
    if (set_has(set, c) || set_has(set, toupper(c))) {
      set_add(set, c);
      set_add(set, toupper(c));
    }
  }
}

static int char_node(struct re_parse *ps, int c) {
  int idx;
  unsigned char *set;
  c &= 255;
  if (!(ps->prog->cflags & REG_ICASE) || !isalpha(c))
    return new_node(ps, N_CHAR, c, 0);
  set = new_set(ps, &idx);
  if (!set)
    return -1;
  set_add(set, tolower(c));
  set_add(set, toupper(c));
  return new_node(ps, N_SET, idx, 0);
}

/* Adds the members of the class NAME (LEN bytes); 0 when there is no such class. */
static int add_class(unsigned char *set, const char *name, int len) {
  int c;
  int which;
  static const char *names[] = {"alpha", "digit", "alnum", "upper", "lower", "space",
                                "blank", "punct", "print", "graph", "cntrl", "xdigit"};
  for (which = 0; which < 12; which++)
    if ((int)strlen(names[which]) == len && strncmp(names[which], name, len) == 0)
      break;
  if (which == 12)
    return 0;
  for (c = 0; c < 256; c++) {
    int in = 0;
    switch (which) {
    case 0: in = isalpha(c); break;
    case 1: in = isdigit(c); break;
    case 2: in = isalnum(c); break;
    case 3: in = isupper(c); break;
    case 4: in = islower(c); break;
    case 5: in = isspace(c); break;
    case 6: in = isblank(c); break;
    case 7: in = ispunct(c); break;
    case 8: in = isprint(c); break;
    case 9: in = isgraph(c); break;
    case 10: in = iscntrl(c); break;
    default: in = isxdigit(c); break;
    }
    if (in)
      set_add(set, c);
  }
  return 1;
}

/* One endpoint of a bracket range: a byte, or [.c.] / [=c=] of one byte. */
static int bracket_char(struct re_parse *ps) {
  const char *p = ps->p;
  if (p[0] == '[' && p + 1 < ps->end && (p[1] == '.' || p[1] == '=')) {
    char kind = p[1];
    if (ps->end - p >= 5 && p[3] == kind && p[4] == ']') {
      ps->p = p + 5;
      return (unsigned char)p[2];
    }
    ps->err = p + 2 < ps->end ? REG_ECOLLATE : REG_EBRACK;
    return -1;
  }
  ps->p = p + 1;
  return (unsigned char)p[0];
}

/* A bracket expression; ps->p is just after '['. */
static int parse_bracket(struct re_parse *ps) {
  int idx;
  int first = 1;
  int negate = 0;
  int c;
  unsigned char *set = new_set(ps, &idx);
  if (!set)
    return -1;
  if (ps->p < ps->end && *ps->p == '^') {
    negate = 1;
    ps->p++;
  }
  for (;;) {
    int lo;
    if (ps->p >= ps->end) {
      ps->err = REG_EBRACK;
      return -1;
    }
    if (*ps->p == ']' && !first) {
      ps->p++;
      break;
    }
    first = 0;
    if (ps->p[0] == '[' && ps->p + 1 < ps->end && ps->p[1] == ':') {
      const char *name = ps->p + 2;
      const char *q = name;
      while (q + 1 < ps->end && !(q[0] == ':' && q[1] == ']'))
        q++;
      if (q + 1 >= ps->end) {
        ps->err = REG_EBRACK;
        return -1;
      }
      if (!add_class(set, name, (int)(q - name))) {
        ps->err = REG_ECTYPE;
        return -1;
      }
      ps->p = q + 2;
      continue;
    }
    lo = bracket_char(ps);
    if (lo < 0)
      return -1;
    if (ps->p + 1 < ps->end && ps->p[0] == '-' && ps->p[1] != ']') {
      int hi;
      ps->p++;
      hi = bracket_char(ps);
      if (hi < 0)
        return -1;
      if (hi < lo) {
        ps->err = REG_ERANGE;
        return -1;
      }
      for (c = lo; c <= hi; c++)
        set_add(set, c);
    } else {
      set_add(set, lo);
    }
  }
  if (ps->prog->cflags & REG_ICASE)
    set_fold_case(set);
  if (negate) {
    for (c = 0; c < SET_BYTES; c++)
      set[c] = (unsigned char)~set[c];
    if (ps->prog->cflags & REG_NEWLINE)
      set[('\n' >> 3)] &= (unsigned char)~(1 << ('\n' & 7));
  }
  return new_node(ps, N_SET, idx, 0);
}

/* \w \W \s \S as sets. */
static int class_escape(struct re_parse *ps, int e) {
  int idx;
  int c;
  unsigned char *set = new_set(ps, &idx);
  if (!set)
    return -1;
  if (e == 'w' || e == 'W') {
    add_class(set, "alnum", 5);
    set_add(set, '_');
  } else {
    add_class(set, "space", 5);
  }
  if (e == 'W' || e == 'S')
    for (c = 0; c < SET_BYTES; c++)
      set[c] = (unsigned char)~set[c];
  return new_node(ps, N_SET, idx, 0);
}

static int at(struct re_parse *ps, const char *s) {
  int n = strlen(s);
  return ps->end - ps->p >= n && strncmp(ps->p, s, n) == 0;
}

static int at_alternation(struct re_parse *ps) {
  return ps->ext ? at(ps, "|") : at(ps, "\\|");
}

static int at_close(struct re_parse *ps) {
  return ps->ext ? at(ps, ")") : at(ps, "\\)");
}

static int parse_alt(struct re_parse *ps);

/* {m}, {m,}, {m,n} (or \{…\} in BRE); ps->p is just after the opening brace. */
static int parse_interval(struct re_parse *ps, int *min, int *max) {
  int m = -1;
  int n;
  while (ps->p < ps->end && isdigit((unsigned char)*ps->p)) {
    m = (m < 0 ? 0 : m) * 10 + (*ps->p++ - '0');
    if (m > RE_DUP_MAX + 1)
      m = RE_DUP_MAX + 1;
  }
  n = m;
  if (ps->p < ps->end && *ps->p == ',') {
    ps->p++;
    n = -1;
    while (ps->p < ps->end && isdigit((unsigned char)*ps->p)) {
      n = (n < 0 ? 0 : n) * 10 + (*ps->p++ - '0');
      if (n > RE_DUP_MAX + 1)
        n = RE_DUP_MAX + 1;
    }
    if (m < 0)
      m = 0;
  }
  if (ps->p >= ps->end || (!ps->ext && ps->p + 1 >= ps->end)) {
    ps->err = REG_EBRACE;
    return 0;
  }
  if (ps->ext ? !at(ps, "}") : !at(ps, "\\}")) {
    ps->err = REG_BADBR;
    return 0;
  }
  ps->p += ps->ext ? 1 : 2;
  if (m < 0 || m > RE_DUP_MAX || n > RE_DUP_MAX || (n >= 0 && n < m)) {
    ps->err = REG_BADBR;
    return 0;
  }
  *min = m;
  *max = n;
  return 1;
}

/* One atom. AT_START: first in the expression, a group or a branch (where
 * BRE takes ^ as an anchor and * as a literal). */
static int parse_atom(struct re_parse *ps, int at_start) {
  int c = (unsigned char)*ps->p;
  if (ps->ext) {
    if (c == '(') {
      int inner;
      int number = ++ps->nsub;
      ps->p++;
      ps->depth++;
      inner = parse_alt(ps);
      if (inner < 0)
        return -1;
      if (!at(ps, ")")) {
        ps->err = REG_EPAREN;
        return -1;
      }
      ps->p++;
      ps->depth--;
      return new_node(ps, N_GROUP, inner, number);
    }
    if (c == ')') {
      ps->err = REG_ERPAREN;
      return -1;
    }
    if (c == '*' || c == '+' || c == '?' || c == '{') {
      ps->err = REG_BADRPT;
      return -1;
    }
    if (c == '^' || c == '$') {
      ps->p++;
      return new_node(ps, c == '^' ? N_BOL : N_EOL, 0, 0);
    }
  } else {
    if (at(ps, "\\(")) {
      int inner;
      int number = ++ps->nsub;
      ps->p += 2;
      ps->depth++;
      inner = parse_alt(ps);
      if (inner < 0)
        return -1;
      if (!at(ps, "\\)")) {
        ps->err = REG_EPAREN;
        return -1;
      }
      ps->p += 2;
      ps->depth--;
      return new_node(ps, N_GROUP, inner, number);
    }
    if (at(ps, "\\)")) {
      ps->err = REG_ERPAREN;
      return -1;
    }
    if (at(ps, "\\{")) {
      ps->err = REG_BADRPT;
      return -1;
    }
    if (c == '*' && at_start) {
      ps->p++;
      return char_node(ps, '*');
    }
    if (c == '^' && at_start) {
      ps->p++;
      return new_node(ps, N_BOL, 0, 0);
    }
    if (c == '$') {
      ps->p++;
      if (ps->p == ps->end || at_close(ps) || at_alternation(ps))
        return new_node(ps, N_EOL, 0, 0);
      return char_node(ps, '$');
    }
  }
  if (c == '.') {
    ps->p++;
    return new_node(ps, N_ANY, 0, 0);
  }
  if (c == '[') {
    ps->p++;
    return parse_bracket(ps);
  }
  if (c == '\\') {
    int e;
    ps->p++;
    if (ps->p >= ps->end) {
      ps->err = REG_EESCAPE;
      return -1;
    }
    e = (unsigned char)*ps->p++;
    if (e >= '1' && e <= '9') {
      if (e - '0' > ps->nsub) {
        ps->err = REG_ESUBREG;
        return -1;
      }
      ps->prog->has_backref = 1;
      return new_node(ps, N_BACKREF, e - '0', 0);
    }
    if (e == 'w' || e == 'W' || e == 's' || e == 'S')
      return class_escape(ps, e);
    return char_node(ps, e);
  }
  ps->p++;
  return char_node(ps, c);
}

/* An atom and its repetition operators. */
static int parse_piece(struct re_parse *ps, int at_start) {
  int n = parse_atom(ps, at_start);
  if (n < 0)
    return -1;
  if (!ps->ext && ps->prog->nodes[n].type == N_BOL)
    return n; /* BRE: a * right after ^ is a literal, taken by the next piece */
  for (;;) {
    int min;
    int max;
    int rep;
    if (ps->p >= ps->end)
      break;
    if (*ps->p == '*') {
      ps->p++;
      min = 0;
      max = -1;
    } else if (ps->ext ? *ps->p == '+' : at(ps, "\\+")) {
      ps->p += ps->ext ? 1 : 2;
      min = 1;
      max = -1;
    } else if (ps->ext ? *ps->p == '?' : at(ps, "\\?")) {
      ps->p += ps->ext ? 1 : 2;
      min = 0;
      max = 1;
    } else if (ps->ext ? *ps->p == '{' : at(ps, "\\{")) {
      ps->p += ps->ext ? 1 : 2;
      if (!parse_interval(ps, &min, &max))
        return -1;
    } else {
      break;
    }
    rep = new_node(ps, N_REP, n, 0);
    if (rep < 0)
      return -1;
    ps->prog->nodes[rep].min = min;
    ps->prog->nodes[rep].max = max;
    n = rep;
  }
  return n;
}

/* A branch: pieces up to |, a closing parenthesis or the end. */
static int parse_cat(struct re_parse *ps) {
  int n = -1;
  int at_start = 1;
  while (ps->p < ps->end && !at_alternation(ps) && !(ps->depth > 0 && at_close(ps))) {
    int piece = parse_piece(ps, at_start);
    if (piece < 0)
      return -1;
    at_start = !ps->ext && ps->prog->nodes[piece].type == N_BOL;
    n = n < 0 ? piece : new_node(ps, N_CAT, n, piece);
    if (n < 0)
      return -1;
  }
  return n < 0 ? new_node(ps, N_EMPTY, 0, 0) : n;
}

static int parse_alt(struct re_parse *ps) {
  int n = parse_cat(ps);
  while (n >= 0 && ps->p < ps->end && at_alternation(ps)) {
    int m;
    ps->p += ps->ext ? 1 : 2;
    m = parse_cat(ps);
    if (m < 0)
      return -1;
    n = new_node(ps, N_ALT, n, m);
  }
  return n;
}

int regcomp(regex_t *preg, const char *pattern, int cflags) {
  struct re_parse ps;
  struct re_prog *prog;
  int len = strlen(pattern);
  preg->re_guts = 0;
  preg->re_nsub = 0;
  preg->re_cflags = cflags;
  prog = malloc(sizeof *prog);
  if (!prog)
    return REG_ESPACE;
  prog->cflags = cflags;
  prog->node_cap = 3 * len + 8;
  prog->set_cap = len + 4;
  prog->nnodes = 0;
  prog->nsets = 0;
  prog->has_backref = 0;
  prog->nodes = malloc(prog->node_cap * sizeof(struct re_node));
  prog->sets = malloc(prog->set_cap * SET_BYTES);
  if (!prog->nodes || !prog->sets) {
    free(prog->nodes);
    free(prog->sets);
    free(prog);
    return REG_ESPACE;
  }
  ps.p = pattern;
  ps.end = pattern + len;
  ps.ext = (cflags & REG_EXTENDED) != 0;
  ps.prog = prog;
  ps.err = 0;
  ps.depth = 0;
  ps.nsub = 0;
  prog->root = parse_alt(&ps);
  if (!ps.err && ps.p < ps.end)
    ps.err = REG_ERPAREN; /* only a stray ) or \) stops the top level early */
  if (ps.err || prog->root < 0) {
    free(prog->nodes);
    free(prog->sets);
    free(prog);
    return ps.err ? ps.err : REG_BADPAT;
  }
  preg->re_nsub = ps.nsub;
  prog->nsub = ps.nsub;
  preg->re_guts = prog;
  return 0;
}

void regfree(regex_t *preg) {
  struct re_prog *prog = preg->re_guts;
  if (prog) {
    free(prog->nodes);
    free(prog->sets);
    free(prog);
  }
  preg->re_guts = 0;
}

size_t regerror(int errcode, const regex_t *preg, char *errbuf, size_t errbuf_size) {
  static const char *messages[] = {
    "Success",
    "No match",
    "Invalid regular expression",
    "Invalid collation character",
    "Invalid character class name",
    "Trailing backslash",
    "Invalid back reference",
    "Unmatched [, [^, [:, [., or [=",
    "Unmatched ( or \\(",
    "Unmatched \\{",
    "Invalid content of \\{\\}",
    "Invalid range end",
    "Memory exhausted",
    "Invalid preceding regular expression",
    "Premature end of regular expression",
    "Regular expression too big",
    "Unmatched ) or \\)",
  };
  const char *msg = errcode >= 0 && errcode <= REG_ERPAREN ? messages[errcode] : "Unknown error";
  size_t len = strlen(msg);
  (void)preg;
  if (errbuf_size > 0) {
    size_t n = len < errbuf_size - 1 ? len : errbuf_size - 1;
    memcpy(errbuf, msg, n);
    errbuf[n] = 0;
  }
  return len + 1;
}
