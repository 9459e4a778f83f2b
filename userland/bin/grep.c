/* grep: prints the lines that match POSIX regular expressions.
 *   -G basic expressions (the default)  -E extended  -F fixed strings
 *   -e PATTERN (repeatable; a pattern with newlines is several patterns)
 *   -i ignore case  -v select non-matching lines  -w whole words  -x whole lines
 *   -n line numbers  -c count only  -l names of files with a match  -q quiet
 *   -H / -h always / never prefix FILE: (default: when there are several files)
 *   -s no messages about missing files
 * The matching is libc's regcomp/regexec (userland/lib/regcomp.c, regexec.c); -F patterns
 * are escaped into basic expressions, so there is one matcher. Exit status 0
 * when a line was selected, 1 when none was, 2 on an error (a bad pattern
 * stops at once; a missing file is reported, the other files are still
 * searched, and the status is 2 at the end) — as GNU grep does, -q with a
 * selected line exits 0 at once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <regex.h>
#include "ulib.h"

#define MAX_PATTERNS 32

static int opt_v, opt_n, opt_c, opt_l, opt_q, opt_w, opt_x, opt_s;
static int opt_names = -1; /* -1: when several files; 0: -h; 1: -H */
static regex_t patterns[MAX_PATTERNS];
static int npatterns;

static void usage(void) {
  fprintf(stderr, "usage: grep [-EFGHchilnqsvwx] [-e PATTERN]... [PATTERN] [FILE...]\n");
}

/* A fixed string as a basic expression that matches exactly it. */
static char *escape_fixed(const char *s, int len) {
  char *out = malloc(2 * len + 1);
  int n = 0;
  int i;
  if (!out)
    return 0;
  for (i = 0; i < len; i++) {
    if (strchr(".[]*^$\\", s[i]))
      out[n++] = '\\';
    out[n++] = s[i];
  }
  out[n] = 0;
  return out;
}

/* Compiles one pattern (LEN bytes of TEXT); returns 0 after a message on error. */
static int add_pattern(const char *text, int len, int syntax, int icase) {
  char *src;
  int cflags = icase ? REG_ICASE : 0;
  int err;
  if (npatterns >= MAX_PATTERNS) {
    fprintf(stderr, "grep: too many patterns (at most %d)\n", MAX_PATTERNS);
    return 0;
  }
  if (syntax == 'F') {
    src = escape_fixed(text, len);
  } else {
    src = malloc(len + 1);
    if (src) {
      memcpy(src, text, len);
      src[len] = 0;
    }
    if (syntax == 'E')
      cflags |= REG_EXTENDED;
  }
  if (!src) {
    fprintf(stderr, "grep: out of memory\n");
    return 0;
  }
  if (!opt_w && !opt_x)
    cflags |= REG_NOSUB;
  err = regcomp(&patterns[npatterns], src, cflags);
  free(src);
  if (err) {
    char msg[128];
    regerror(err, &patterns[npatterns], msg, sizeof msg);
    fprintf(stderr, "grep: %s\n", msg);
    return 0;
  }
  npatterns++;
  return 1;
}

/* Every newline-separated piece of TEXT is a pattern of its own. */
static int add_patterns(const char *text, int syntax, int icase) {
  for (;;) {
    const char *nl = strchr(text, '\n');
    int len = nl ? (int)(nl - text) : (int)strlen(text);
    if (!add_pattern(text, len, syntax, icase))
      return 0;
    if (!nl)
      return 1;
    text = nl + 1;
  }
}

static int is_word_char(int c) {
  return isalnum(c) || c == '_';
}

/* -w: some match of RE in LINE stands between non-word characters. Tries
 * each leftmost match, then searches again one character further on. */
static int word_match(const regex_t *re, const char *line, int len) {
  int off = 0;
  while (off <= len) {
    regmatch_t m;
    int start;
    int end;
    if (regexec(re, line + off, 1, &m, off ? REG_NOTBOL : 0) != 0)
      return 0;
    start = off + m.rm_so;
    end = off + m.rm_eo;
    if ((start == 0 || !is_word_char((unsigned char)line[start - 1])) &&
        (end == len || !is_word_char((unsigned char)line[end])) && end > start)
      return 1;
    off = start + 1;
  }
  return 0;
}

static int line_matches(const char *line, int len) {
  int i;
  for (i = 0; i < npatterns; i++) {
    if (opt_x) {
      regmatch_t m;
      if (regexec(&patterns[i], line, 1, &m, 0) == 0 && m.rm_so == 0 && m.rm_eo == len)
        return 1;
    } else if (opt_w) {
      if (word_match(&patterns[i], line, len))
        return 1;
    } else if (regexec(&patterns[i], line, 0, 0, 0) == 0) {
      return 1;
    }
  }
  return 0;
}

/* Searches one open file; NAME is the file's name for -l and the prefix
 * (0 for no prefix). Returns the number of selected lines. */
static int grep(FILE *f, const char *name, const char *prefix) {
  static char line[8192];
  int lineno = 0;
  int count = 0;
  while (fgets(line, sizeof line, f)) {
    int len = strlen(line);
    lineno++;
    if (len > 0 && line[len - 1] == '\n')
      line[--len] = 0;
    if (line_matches(line, len) == opt_v)
      continue;
    count++;
    if (opt_q)
      exit(0);
    if (opt_l) {
      printf("%s\n", name);
      break;
    }
    if (opt_c)
      continue;
    if (prefix)
      printf("%s:", prefix);
    if (opt_n)
      printf("%d:", lineno);
    printf("%s\n", line);
  }
  if (opt_c && !opt_l) {
    if (prefix)
      printf("%s:", prefix);
    printf("%d\n", count);
  }
  return count;
}

int main(int argc, char **argv) {
  int i = 1;
  int syntax = 'G';
  int icase = 0;
  const char *given[MAX_PATTERNS];
  int ngiven = 0;
  int matched = 0;
  int err = 0;
  int nfiles;
  int k;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    const char *o;
    if (strcmp(argv[i], "--") == 0) {
      i++;
      break;
    }
    for (o = argv[i] + 1; *o; o++) {
      if (*o == 'e') {
        const char *value = o[1] ? o + 1 : (i + 1 < argc ? argv[++i] : 0);
        if (!value) {
          fprintf(stderr, "grep: option requires an argument -- 'e'\n");
          usage();
          return 2;
        }
        if (ngiven >= MAX_PATTERNS) {
          fprintf(stderr, "grep: too many patterns (at most %d)\n", MAX_PATTERNS);
          return 2;
        }
        given[ngiven++] = value;
        break;
      }
      if (*o == 'E' || *o == 'F' || *o == 'G') syntax = *o;
      else if (*o == 'i') icase = 1;
      else if (*o == 'v') opt_v = 1;
      else if (*o == 'n') opt_n = 1;
      else if (*o == 'c') opt_c = 1;
      else if (*o == 'l') opt_l = 1;
      else if (*o == 'q') opt_q = 1;
      else if (*o == 'w') opt_w = 1;
      else if (*o == 'x') opt_x = 1;
      else if (*o == 's') opt_s = 1;
      else if (*o == 'H') opt_names = 1;
      else if (*o == 'h') opt_names = 0;
      else {
        fprintf(stderr, "grep: unknown option -%c\n", *o);
        usage();
        return 2;
      }
    }
  }
  if (ngiven == 0) {
    if (i >= argc) {
      usage();
      return 2;
    }
    given[ngiven++] = argv[i++];
  }
  for (k = 0; k < ngiven; k++)
    if (!add_patterns(given[k], syntax, icase))
      return 2;
  nfiles = argc - i;
  if (opt_names < 0)
    opt_names = nfiles > 1;
  if (nfiles == 0)
    return grep(stdin, "(standard input)", opt_names ? "(standard input)" : 0) ? 0 : 1;
  for (; i < argc; i++) {
    FILE *f = strcmp(argv[i], "-") == 0 ? stdin : fopen(argv[i], "r");
    const char *name = f == stdin ? "(standard input)" : argv[i];
    if (!f) {
      if (!opt_s)
        u_perror2("grep", argv[i]);
      err = 1;
      continue;
    }
    matched += grep(f, name, opt_names ? name : 0);
    if (f != stdin)
      fclose(f);
  }
  if (err)
    return 2;
  return matched ? 0 : 1;
}
