/* sed: the stream editor, the commands people use.
 *   sed [-n] [-E|-r] [-i] [-s] SCRIPT [FILE...]
 *   sed [-n] [-E|-r] [-i] -e SCRIPT [-e SCRIPT...] [FILE...]
 * Addresses: N, $, /RE/ (or \cREc), FIRST,LAST ranges (LAST a line number,
 * $ or /RE/, looked for from the line after FIRST), ADDR! to negate.
 * Commands (separated by ; or newlines): s/RE/REPL/[g][p][N][i], with & and
 * \1..\9 in REPL (\n a newline), p, d, q [STATUS], =, n, y/ABC/XYZ/,
 * a TEXT, i TEXT, c TEXT (GNU one-line forms, or a\ then the text on the
 * next line), { … } blocks, # comments. An empty RE is the last RE used.
 * -i edits each file in place (through FILE.sedtmp, renamed over it); -i
 * and -s restart line numbers and $ per file. Regular expressions are
 * libc's regcomp/regexec (basic, or extended with -E).
 * Like GNU sed: a last line without a newline is written without one; exit
 * status 0, 1 for a bad script (nothing is read), 2 when an input file
 * could not be read (the others still are), q's STATUS. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <regex.h>
#include <unistd.h>
#include "ulib.h"

#define MAX_CMDS 256

#define A_NONE 0
#define A_LINE 1
#define A_LAST 2
#define A_RE 3

struct addr {
  int kind;
  int line;
  regex_t *re;
};

struct cmd {
  struct addr a1;
  struct addr a2;
  int negate;
  int in_range; /* a range that started and has not ended */
  int range_end; /* A_LINE range end already decided: the last line */
  char name;
  regex_t *re;    /* s */
  char *text;     /* s: the replacement; a i c: the text; y: the source set */
  char *text2;    /* y: the target set */
  int global;     /* s///g */
  int nth;        /* s///N */
  int print;      /* s///p */
  int status;     /* q */
  int jump;       /* {: the index just after its } */
};

static struct cmd cmds[MAX_CMDS];
static int ncmds;
static int opt_n, opt_extended, opt_inplace, opt_separate;
static regex_t *last_re;
static int expr_no;

/* the inputs, read a line ahead so that $ is known */
static char **files;
static int nfiles, next_file;
static FILE *in;
static char *ahead;
static size_t ahead_cap;
static int ahead_len = -1;
static int line_no;
static int exit_status;
static FILE *out;
static int out_missing_newline;
static char *append_queue;

static void fail(const char *what) {
  fprintf(stderr, "sed: -e expression #%d: %s\n", expr_no, what);
  exit(1);
}

static void *xmalloc(size_t n) {
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

static void parse_script(const char *p) {
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
      break;
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

/* ---- input, a line ahead ---- */

static int open_next(void) {
  while (next_file < nfiles) {
    const char *name = files[next_file++];
    in = strcmp(name, "-") == 0 ? stdin : fopen(name, "r");
    if (in)
      return 1;
    u_perror2("sed", name);
    exit_status = 2;
  }
  return 0;
}

/* Fills the look-ahead; with SAME_FILE only from the current file. */
static void read_ahead(int same_file) {
  ahead_len = -1;
  while (in) {
    ahead_len = getline(&ahead, &ahead_cap, in);
    if (ahead_len >= 0)
      return;
    if (in != stdin)
      fclose(in);
    in = 0;
    if (same_file || !open_next())
      return;
  }
}

/* The next line into *buf (newline cut); 0 at the end. *had_newline tells
 * whether it ended with one. */
static int next_line(char **buf, size_t *cap, int *had_newline) {
  if (ahead_len < 0)
    return 0;
  if ((size_t)ahead_len + 1 > *cap) {
    *cap = ahead_len + 64;
    free(*buf);
    *buf = xmalloc(*cap);
  }
  memcpy(*buf, ahead, ahead_len + 1);
  *had_newline = ahead_len > 0 && (*buf)[ahead_len - 1] == '\n';
  if (*had_newline)
    (*buf)[ahead_len - 1] = 0;
  line_no++;
  read_ahead(opt_separate);
  return 1;
}

/* ---- output ---- */

static void emit(const char *s, int newline) {
  if (out_missing_newline)
    fputc('\n', out);
  fputs(s, out);
  if (newline)
    fputc('\n', out);
  out_missing_newline = !newline;
}

/* ---- running ---- */

static int addr_matches(struct addr *a, const char *line) {
  if (a->kind == A_LINE)
    return line_no == a->line;
  if (a->kind == A_LAST)
    return ahead_len < 0;
  return regexec(a->re, line, 0, 0, 0) == 0;
}

static int selected(struct cmd *c, const char *line) {
  int yes;
  if (c->a1.kind == A_NONE) {
    yes = 1;
  } else if (c->a2.kind == A_NONE) {
    yes = addr_matches(&c->a1, line);
  } else if (c->in_range) {
    yes = 1;
    if (c->a2.kind == A_LINE ? line_no >= c->a2.line : addr_matches(&c->a2, line))
      c->in_range = 0;
  } else {
    yes = addr_matches(&c->a1, line);
    /* a line-number end at or before the start ends the range at once */
    if (yes && !(c->a2.kind == A_LINE && c->a2.line <= line_no) && !(c->a2.kind == A_LAST && ahead_len < 0))
      c->in_range = 1;
  }
  return yes != c->negate;
}

/* Appends N bytes to the growing buffer *buf (length *len, size *cap). */
static void put(char **buf, size_t *len, size_t *cap, const char *src, size_t n) {
  if (*len + n + 1 > *cap) {
    *cap = 2 * (*len + n) + 64;
    *buf = realloc(*buf, *cap);
    if (!*buf)
      fail("out of memory");
  }
  memcpy(*buf + *len, src, n);
  *len += n;
  (*buf)[*len] = 0;
}

/* REPL with & and \1..\9 filled from the match M in S. */
static void put_replacement(char **buf, size_t *len, size_t *cap, const char *repl, const char *s, regmatch_t *m) {
  const char *r;
  for (r = repl; *r; r++) {
    int g = -1;
    if (*r == '&')
      g = 0;
    else if (*r == '\\' && r[1] >= '0' && r[1] <= '9')
      g = *++r - '0';
    else if (*r == '\\' && r[1] == 'n') {
      r++;
      put(buf, len, cap, "\n", 1);
      continue;
    } else if (*r == '\\' && r[1])
      r++;
    if (g < 0)
      put(buf, len, cap, r, 1);
    else if (m[g].rm_so >= 0)
      put(buf, len, cap, s + m[g].rm_so, m[g].rm_eo - m[g].rm_so);
  }
}

/* s: the new pattern space (malloc'd), or 0 when nothing was replaced.
 * As GNU sed, an empty match right after the previous match is skipped
 * (s/b*\/x/g on abc gives xaxcx). */
static char *substitute(struct cmd *c, const char *line) {
  regmatch_t m[10];
  size_t cap = 0;
  size_t len = 0;
  char *res = 0;
  const char *s = line;
  int count = 0;
  int replaced = 0;
  int after_match = 0;
  put(&res, &len, &cap, "", 0);
  for (;;) {
    if (regexec(c->re, s, 10, m, s == line ? 0 : REG_NOTBOL) != 0)
      break;
    if (m[0].rm_so == 0 && m[0].rm_eo == 0 && after_match) {
      after_match = 0;
      if (!*s)
        break;
      put(&res, &len, &cap, s, 1);
      s++;
      continue;
    }
    count++;
    put(&res, &len, &cap, s, m[0].rm_so);
    if (!c->nth || (c->global ? count >= c->nth : count == c->nth)) {
      put_replacement(&res, &len, &cap, c->text, s, m);
      replaced = 1;
      if (!c->global) {
        s += m[0].rm_eo;
        break;
      }
    } else {
      put(&res, &len, &cap, s + m[0].rm_so, m[0].rm_eo - m[0].rm_so);
    }
    if (m[0].rm_eo == m[0].rm_so) {
      if (!s[m[0].rm_eo]) {
        s += m[0].rm_eo;
        break;
      }
      put(&res, &len, &cap, s + m[0].rm_eo, 1);
      s += m[0].rm_eo + 1;
      after_match = 0;
    } else {
      s += m[0].rm_eo;
      after_match = 1;
    }
  }
  if (!replaced) {
    free(res);
    return 0;
  }
  put(&res, &len, &cap, s, strlen(s));
  return res;
}

static void transliterate(struct cmd *c, char *line) {
  for (; *line; line++) {
    char *at = strchr(c->text, *line);
    if (at)
      *line = c->text2[at - c->text];
  }
}

static void flush_appends(void) {
  if (append_queue) {
    emit(append_queue, 1);
    free(append_queue);
    append_queue = 0;
  }
}

/* Runs the script over every line of the current stream of inputs. */
static void run(void) {
  char *line = 0;
  size_t cap = 0;
  int newline;
  while (next_line(&line, &cap, &newline)) {
    int pc = 0;
    int deleted = 0;
    int quit = -1;
    while (pc < ncmds) {
      struct cmd *c = &cmds[pc];
      if (c->name == '}' || !selected(c, line)) {
        pc = c->name == '{' ? c->jump : pc + 1;
        continue;
      }
      pc++;
      switch (c->name) {
      case 'p':
        emit(line, newline);
        break;
      case 'd':
        deleted = 1;
        break;
      case '=': {
        char num[16];
        sprintf(num, "%d", line_no);
        emit(num, 1);
        break;
      }
      case 'q':
        quit = c->status;
        break;
      case 'n':
        if (!opt_n)
          emit(line, newline);
        flush_appends();
        if (ahead_len < 0) {
          quit = exit_status;
          deleted = 1;
          break;
        }
        next_line(&line, &cap, &newline);
        break;
      case 'a':
        if (append_queue) {
          char *both = xmalloc(strlen(append_queue) + strlen(c->text) + 2);
          sprintf(both, "%s\n%s", append_queue, c->text);
          free(append_queue);
          append_queue = both;
        } else {
          append_queue = strdup(c->text);
        }
        break;
      case 'i':
        emit(c->text, 1);
        break;
      case 'c':
        if (!c->in_range)
          emit(c->text, 1);
        deleted = 1;
        break;
      case 's': {
        char *res = substitute(c, line);
        if (res) {
          free(line);
          line = res;
          cap = strlen(res) + 1;
          if (c->print)
            emit(line, newline);
        }
        break;
      }
      case 'y':
        transliterate(c, line);
        break;
      }
      if (deleted || quit >= 0)
        break;
    }
    if (!deleted && !opt_n)
      emit(line, newline);
    flush_appends();
    if (quit >= 0) {
      fflush(out);
      exit(quit);
    }
  }
  free(line);
}

static int edit_in_place(const char *name) {
  char *tmp = xmalloc(strlen(name) + 8);
  int i;
  sprintf(tmp, "%s.sedtmp", name);
  in = fopen(name, "r");
  if (!in) {
    u_perror2("sed", name);
    free(tmp);
    return 2;
  }
  out = fopen(tmp, "w");
  if (!out) {
    u_perror2("sed", tmp);
    fclose(in);
    free(tmp);
    return 4;
  }
  out_missing_newline = 0;
  line_no = 0;
  for (i = 0; i < ncmds; i++)
    cmds[i].in_range = 0;
  read_ahead(1);
  run();
  if (fclose(out) != 0 || rename(tmp, name) != 0) {
    u_perror2("sed", name);
    unlink(tmp);
    free(tmp);
    return 4;
  }
  free(tmp);
  return 0;
}

int main(int argc, char **argv) {
  int i = 1;
  int have_script = 0;
  static char *stdin_only[] = {"-"};
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    const char *o;
    if (strcmp(argv[i], "--") == 0) {
      i++;
      break;
    }
    if (strcmp(argv[i], "--expression") == 0 || strcmp(argv[i], "--in-place") == 0) {
      argv[i] = argv[i][2] == 'e' ? "-e" : "-i";
    }
    for (o = argv[i] + 1; *o; o++) {
      if (*o == 'n')
        opt_n = 1;
      else if (*o == 'E' || *o == 'r')
        opt_extended = 1;
      else if (*o == 'i')
        opt_inplace = opt_separate = 1;
      else if (*o == 's')
        opt_separate = 1;
      else if (*o == 'e') {
        const char *script = o[1] ? o + 1 : (i + 1 < argc ? argv[++i] : 0);
        if (!script) {
          fprintf(stderr, "sed: option requires an argument -- 'e'\n");
          return 1;
        }
        parse_script(script);
        have_script = 1;
        break;
      } else {
        fprintf(stderr, "sed: invalid option -- '%c'\nusage: sed [-nEis] [-e SCRIPT]... [SCRIPT] [FILE...]\n", *o);
        return 1;
      }
    }
  }
  if (!have_script) {
    if (i >= argc) {
      fprintf(stderr, "usage: sed [-nEis] [-e SCRIPT]... [SCRIPT] [FILE...]\n");
      return 1;
    }
    parse_script(argv[i++]);
  }
  {
    int depth = 0;
    int k;
    for (k = 0; k < ncmds; k++)
      depth += cmds[k].name == '{' ? 1 : cmds[k].name == '}' ? -1 : 0;
    if (depth)
      fail("unmatched `{'");
  }
  if (opt_inplace) {
    if (i >= argc) {
      fprintf(stderr, "sed: no input files\n");
      return 1;
    }
    for (; i < argc; i++) {
      int st = edit_in_place(argv[i]);
      if (st > exit_status)
        exit_status = st;
    }
    return exit_status;
  }
  out = stdout;
  files = i < argc ? argv + i : stdin_only;
  nfiles = i < argc ? argc - i : 1;
  if (opt_separate) {
    while (next_file < nfiles) {
      if (!open_next())
        break;
      line_no = 0;
      read_ahead(1);
      run();
    }
  } else {
    if (open_next())
      read_ahead(0);
    run();
  }
  fflush(stdout);
  return exit_status;
}
