/* sed: the stream editor, the commands people use (main.c runs the
 * script over the input; script.c parses it; sed.h is what they share).
 *   sed [-n] [-E|-r] [-i] [-s] SCRIPT [FILE...]
 *   sed [-n] [-E|-r] [-i] -e SCRIPT [-e SCRIPT...] [FILE...]
 * Addresses: N, $, /RE/ (or \cREc), FIRST,LAST ranges (LAST a line number,
 * $ or /RE/, looked for from the line after FIRST), ADDR! to negate.
 * Commands (separated by ; or newlines): s/RE/REPL/[g][p][N][i], with & and
 * \1..\9 in REPL (\n a newline), p, d, q [STATUS], =, n, y/ABC/XYZ/,
 * a TEXT, i TEXT, c TEXT (GNU one-line forms, or a\ then the text on the
 * next line), { … } blocks, # comments; the hold space (h H g G x), N P D
 * over a multi-line pattern space, :LABEL, b [LABEL], t [LABEL] (branch
 * when a substitution was made since the last line was read or the last
 * t). An empty RE is the last RE used.
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
#include <sys/stat.h>
#include "ulib.h"
#include "sed.h"

static int opt_n, opt_inplace, opt_separate;

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
/* The pattern space becomes A + "\n" + B (malloc'd). */
static char *joined(const char *a, const char *b) {
  char *both = xmalloc(strlen(a) + strlen(b) + 2);
  sprintf(both, "%s\n%s", a, b);
  return both;
}

/* q's status once a q ran (-1 before): the caller ends after finishing
 * the output, so that -i still renames what was written. */
static int quit_status = -1;

static void run(void) {
  char *line = 0;
  size_t cap = 0;
  int newline = 1;
  int restart = 0; /* D: a new cycle on what is left, without reading */
  char *hold = strdup("");
  if (!hold)
    fail("out of memory");
  while (restart || next_line(&line, &cap, &newline)) {
    int pc = 0;
    int deleted = 0;
    int quit = -1;
    int substituted = 0;
    restart = 0;
    while (pc < ncmds) {
      struct cmd *c = &cmds[pc];
      if (c->name == '}' || c->name == ':' || !selected(c, line)) {
        pc = c->name == '{' ? c->jump : pc + 1;
        continue;
      }
      pc++;
      switch (c->name) {
      case 'b':
        pc = c->jump;
        break;
      case 't':
        if (substituted) {
          substituted = 0;
          pc = c->jump;
        }
        break;
      case 'h':
      case 'H':
      case 'x': {
        char *old = hold;
        if (c->name == 'x') {
          hold = line;
          line = old;
          cap = strlen(line) + 1;
          break;
        }
        hold = c->name == 'h' ? strdup(line) : joined(old, line);
        if (!hold)
          fail("out of memory");
        free(old);
        break;
      }
      case 'g':
      case 'G': {
        char *res = c->name == 'g' ? strdup(hold) : joined(line, hold);
        if (!res)
          fail("out of memory");
        free(line);
        line = res;
        cap = strlen(line) + 1;
        break;
      }
      case 'N': {
        char *next = 0;
        size_t next_cap = 0;
        char *res;
        if (ahead_len < 0) {
          /* GNU: no next line prints the pattern space and ends */
          quit = exit_status;
          break;
        }
        flush_appends();
        next_line(&next, &next_cap, &newline);
        res = joined(line, next);
        free(next);
        free(line);
        line = res;
        cap = strlen(line) + 1;
        break;
      }
      case 'P': {
        char *nl = strchr(line, '\n');
        if (nl)
          *nl = 0;
        emit(line, 1);
        if (nl)
          *nl = '\n';
        break;
      }
      case 'D': {
        char *nl = strchr(line, '\n');
        deleted = 1;
        if (nl) {
          memmove(line, nl + 1, strlen(nl + 1) + 1);
          restart = 1;
        }
        break;
      }
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
          substituted = 1;
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
    if (restart) {
      flush_appends();
      continue;
    }
    if (!deleted && !opt_n)
      emit(line, newline);
    flush_appends();
    if (quit >= 0) {
      quit_status = quit;
      break;
    }
  }
  free(line);
  free(hold);
}

static int edit_in_place(const char *name) {
  char *tmp = xmalloc(strlen(name) + 8);
  struct stat st;
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
  if (in) {
    fclose(in); /* q stopped before the end */
    in = 0;
  }
  /* the edited file keeps the original's permissions */
  if (fclose(out) != 0 || stat(name, &st) != 0 || chmod(tmp, st.st_mode & 07777) != 0 || rename(tmp, name) != 0) {
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
  finish_script();
  if (opt_inplace) {
    if (i >= argc) {
      fprintf(stderr, "sed: no input files\n");
      return 1;
    }
    for (; i < argc; i++) {
      int st = edit_in_place(argv[i]);
      if (quit_status >= 0)
        return quit_status;
      if (st > exit_status)
        exit_status = st;
    }
    return exit_status;
  }
  out = stdout;
  files = i < argc ? argv + i : stdin_only;
  nfiles = i < argc ? argc - i : 1;
  if (opt_separate) {
    while (next_file < nfiles && quit_status < 0) {
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
  return quit_status >= 0 ? quit_status : exit_status;
}
