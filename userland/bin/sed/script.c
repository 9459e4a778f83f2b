/* script.c: parses sed scripts into cmds[] (sed.h): addresses, commands
 * and their arguments, regular expressions compiled once (an empty one is
 * the last one compiled), then the blocks checked and the labels of b and
 * t resolved. Errors are GNU sed's messages with status 1 (4 for a
 * missing label, as GNU sed). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <regex.h>
#include "sed.h"

struct cmd cmds[MAX_CMDS];
int ncmds;
int opt_extended;
int expr_no;
static regex_t *last_re;

void fail(const char *what) {
  fprintf(stderr, "sed: -e expression #%d: %s\n", expr_no, what);
  exit(1);
}

void *xmalloc(size_t n) {
  void *p = malloc(n);
  if (!p) {
    fprintf(stderr, "sed: out of memory\n");
    exit(4);
  }
  return p;
}

/* ---- parsing the script ---- */

static const char *skip_blanks(const char *p) {
  while (*p == ' ' || *p == '\t')
    p++;
  return p;
}

/* Text up to the unescaped DELIM, with \DELIM made DELIM (and, in a
 * regular expression, \n a newline); *pp is left after the delimiter. */
static char *delimited(const char **pp, char delim, int is_re) {
  const char *p = *pp;
  char *buf = xmalloc(strlen(p) + 1);
  int n = 0;
  while (*p && *p != delim) {
    if (*p == '\\' && p[1]) {
      if (p[1] == delim) {
        buf[n++] = delim;
        p += 2;
        continue;
      }
      if (is_re && p[1] == 'n') {
        buf[n++] = '\n';
        p += 2;
        continue;
      }
      buf[n++] = *p++;
    } else if (*p == '\n' && !is_re) {
      break;
    }
    buf[n++] = *p++;
  }
  buf[n] = 0;
  if (*p != delim) {
    free(buf);
    return 0;
  }
  *pp = p + 1;
  return buf;
}

static regex_t *compile(const char *src, int icase) {
  regex_t *re;
  int err;
  if (!*src) {
    if (!last_re)
      fail("no previous regular expression");
    return last_re;
  }
  re = xmalloc(sizeof *re);
  err = regcomp(re, src, (opt_extended ? REG_EXTENDED : 0) | (icase ? REG_ICASE : 0));
  if (err) {
    char msg[128];
    regerror(err, re, msg, sizeof msg);
    fail(msg);
  }
  last_re = re;
  return re;
}

static const char *parse_addr(const char *p, struct addr *a) {
  a->kind = A_NONE;
  if (*p >= '0' && *p <= '9') {
    a->kind = A_LINE;
    a->line = 0;
    while (*p >= '0' && *p <= '9')
      a->line = a->line * 10 + (*p++ - '0');
  } else if (*p == '$') {
    a->kind = A_LAST;
    p++;
  } else if (*p == '/' || (*p == '\\' && p[1])) {
    char delim = *p == '/' ? '/' : p[1];
    char *src;
    p += *p == '/' ? 1 : 2;
    src = delimited(&p, delim, 1);
    if (!src)
      fail("unterminated address regex");
    a->kind = A_RE;
    a->re = compile(src, 0);
    if (*p == 'I') {
      p++;
      a->re = compile(src, 1);
    }
    free(src);
  }
  return p;
}

/* The text of a, i, c: GNU's one-liner `a text` or `a\` newline text. */
static const char *parse_text(const char *p, char **text) {
  char *buf;
  int n = 0;
  p = skip_blanks(p);
  if (*p == '\\') {
    p++;
    if (*p == '\n')
      p++;
  }
  buf = xmalloc(strlen(p) + 1);
  while (*p && *p != '\n') {
    if (*p == '\\' && p[1])
      p++;
    buf[n++] = *p++;
  }
  buf[n] = 0;
  *text = buf;
  return p;
}

void parse_script(const char *p) {
  static int open_blocks[64];
  static int nopen;
  expr_no++;
  for (;;) {
    struct cmd *c;
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == ';')
      p++;
    if (!*p)
      break;
    if (*p == '#') {
      while (*p && *p != '\n')
        p++;
      continue;
    }
    if (ncmds >= MAX_CMDS)
      fail("too many commands");
    c = &cmds[ncmds];
    memset(c, 0, sizeof *c);
    p = parse_addr(p, &c->a1);
    if (c->a1.kind != A_NONE && *p == ',') {
      p = parse_addr(p + 1, &c->a2);
      if (c->a2.kind == A_NONE)
        fail("unexpected `,'");
    }
    p = skip_blanks(p);
    while (*p == '!') {
      c->negate = 1;
      p = skip_blanks(p + 1);
    }
    if (c->a1.kind == A_LINE && c->a1.line == 0)
      fail("invalid usage of line address 0");
    c->name = *p;
    if (!*p)
      fail("missing command");
    p++;
    switch (c->name) {
    case '{':
      if (nopen >= 64)
        fail("blocks nested too deeply");
      open_blocks[nopen++] = ncmds;
      break;
    case '}':
      if (!nopen || c->a1.kind != A_NONE)
        fail("unexpected `}'");
      cmds[open_blocks[--nopen]].jump = ncmds + 1;
      break;
    case 'p':
    case 'd':
    case '=':
    case 'n':
    case 'N':
    case 'P':
    case 'D':
    case 'h':
    case 'H':
    case 'g':
    case 'G':
    case 'x':
      break;
    case ':':
    case 'b':
    case 't': {
      const char *start;
      p = skip_blanks(p);
      start = p;
      while (*p && *p != '\n' && *p != ';' && !(c->name != ':' && *p == '}'))
        p++;
      c->label = xmalloc(p - start + 1);
      memcpy(c->label, start, p - start);
      c->label[p - start] = 0;
      while (p > start && (c->label[p - start - 1] == ' ' || c->label[p - start - 1] == '\t'))
        c->label[--p - start] = 0;
      if (c->name == ':' && (!c->label[0] || c->a1.kind != A_NONE))
        fail(c->a1.kind != A_NONE ? ": doesn't want any addresses" : "\":\" lacks a label");
      break;
    }
    case 'q':
      p = skip_blanks(p);
      while (*p >= '0' && *p <= '9')
        c->status = c->status * 10 + (*p++ - '0');
      break;
    case 'a':
    case 'i':
    case 'c':
      p = parse_text(p, &c->text);
      break;
    case 's': {
      char delim = *p;
      char *src;
      int icase = 0;
      if (!delim || delim == '\n' || delim == '\\')
        fail("unterminated `s' command");
      p++;
      src = delimited(&p, delim, 1);
      if (!src)
        fail("unterminated `s' command");
      c->text = delimited(&p, delim, 0);
      if (!c->text)
        fail("unterminated `s' command");
      for (;;) {
        if (*p == 'g')
          c->global = 1;
        else if (*p == 'p')
          c->print = 1;
        else if (*p == 'i' || *p == 'I')
          icase = 1;
        else if (*p >= '1' && *p <= '9') {
          while (*p >= '0' && *p <= '9')
            c->nth = c->nth * 10 + (*p++ - '0');
          continue;
        } else
          break;
        p++;
      }
      c->re = compile(src, icase);
      free(src);
      break;
    }
    case 'y': {
      char delim = *p++;
      c->text = delimited(&p, delim, 0);
      c->text2 = c->text ? delimited(&p, delim, 0) : 0;
      if (!c->text2)
        fail("unterminated `y' command");
      if (strlen(c->text) != strlen(c->text2))
        fail("strings for `y' command are different lengths");
      break;
    }
    default:
      fprintf(stderr, "sed: -e expression #%d: unknown command: `%c'\n", expr_no, c->name);
      exit(1);
    }
    ncmds++;
    p = skip_blanks(p);
    if (*p == '}' || c->name == '{')
      continue;
    if (*p && *p != ';' && *p != '\n' && *p != '#')
      fail("extra characters after command");
  }
  (void)nopen;
}

void finish_script(void) {
  int depth = 0;
  int k;
  for (k = 0; k < ncmds; k++)
    depth += cmds[k].name == '{' ? 1 : cmds[k].name == '}' ? -1 : 0;
  if (depth)
    fail("unmatched `{'");
  for (k = 0; k < ncmds; k++) {
    int j;
    if (cmds[k].name != 'b' && cmds[k].name != 't')
      continue;
    cmds[k].jump = ncmds;
    if (!cmds[k].label[0])
      continue;
    for (j = 0; j < ncmds; j++)
      if (cmds[j].name == ':' && strcmp(cmds[j].label, cmds[k].label) == 0)
        break;
    if (j == ncmds) {
      fprintf(stderr, "sed: can't find label for jump to `%s'\n", cmds[k].label);
      exit(4); /* as GNU sed, which finds labels after parsing */
    }
    cmds[k].jump = j;
  }
}
