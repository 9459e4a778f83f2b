/* grep: prints the lines that match POSIX regular expressions.
 *   -G basic expressions (the default)  -E extended  -F fixed strings
 *   -e PATTERN (repeatable; a pattern with newlines is several patterns)
 *   -i ignore case  -v select non-matching lines  -w whole words  -x whole lines
 *   -n line numbers  -c count only  -l names of files with a match  -q quiet
 *   -H / -h always / never prefix FILE: (default: when there are several files)
 *   -s no messages about missing files
 *   -o only the matched parts, one a line  -L names of files without one
 *   -m N stop after N selected lines  -r / -R search directories recursively
 *       (the current one when no FILE is given; names sorted; -R also
 *       follows symbolic links met on the way)
 *   --include=GLOB / --exclude=GLOB  which files to read, by base name
 *   --color is accepted and ignored (no colours here)
 *   -A N / -B N / -C N (or -N) N lines of context after / before / around
 *       each selected line; context lines have '-' where selected ones have
 *       ':', and "--" separates groups that are not adjacent
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
#include <dirent.h>
#include <fnmatch.h>
#include <sys/stat.h>
#include "ulib.h"

#define MAX_PATTERNS 32

static int opt_v, opt_n, opt_c, opt_l, opt_q, opt_w, opt_x, opt_s;
static int opt_o, opt_L, opt_recursive;
static long opt_max = -1;      /* -m */
static int after_n, before_n;  /* -A, -B */
static int any_printed;        /* a line went out (for "--" between groups) */
/* --include=GLOB, --exclude=GLOB: which files -r reads (by base name) */
#define MAX_GLOBS 8
static const char *includes[MAX_GLOBS], *excludes[MAX_GLOBS];
static int nincludes, nexcludes;

static int name_wanted(const char *path) {
  const char *base = strrchr(path, '/');
  int k;
  base = base ? base + 1 : path;
  for (k = 0; k < nexcludes; k++)
    if (fnmatch(excludes[k], base, 0) == 0)
      return 0;
  for (k = 0; k < nincludes; k++)
    if (fnmatch(includes[k], base, 0) == 0)
      return 1;
  return nincludes == 0;
}
static int opt_names = -1; /* -1: when several files; 0: -h; 1: -H */
static regex_t patterns[MAX_PATTERNS];
static int npatterns;

static void usage(void) {
  fprintf(stderr, "usage: grep [-EFGHLRchilnoqrsvwx] [-A N] [-B N] [-C N] [-m N] [-e PATTERN]... [PATTERN] [FILE...]\n");
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
  if (!opt_w && !opt_x && !opt_o)
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

/* -o: the leftmost (then longest) match of any pattern in line from off
 * on, as [*start, *end); 0 when there is none. -w and -x matches count
 * only where they stand as words or as the whole line. */
static int next_match(const char *line, int len, int off, int *start, int *end) {
  int i;
  int found = 0;
  for (i = 0; i < npatterns; i++) {
    int from = off;
    while (from <= len) {
      regmatch_t m;
      int a, b;
      if (regexec(&patterns[i], line + from, 1, &m, from ? REG_NOTBOL : 0) != 0)
        break;
      a = from + m.rm_so;
      b = from + m.rm_eo;
      if ((!opt_x || (a == 0 && b == len)) &&
          (!opt_w || ((a == 0 || !is_word_char((unsigned char)line[a - 1])) &&
                      (b == len || !is_word_char((unsigned char)line[b])) && b > a))) {
        if (!found || a < *start || (a == *start && b > *end)) {
          *start = a;
          *end = b;
          found = 1;
        }
        break;
      }
      from = a + 1;
    }
  }
  return found;
}

/* One output line: prefix, line number, then sep (':' selected, '-'
 * context) before the text. */
static void put_line(const char *prefix, int lineno, int sep, const char *text, int len) {
  if (prefix)
    printf("%s%c", prefix, sep);
  if (opt_n)
    printf("%d%c", lineno, sep);
  fwrite(text, 1, len, stdout);
  putchar('\n');
}

/* -B's ring of the lines before the current one */
#define MAX_BEFORE 64
static char *before_text[MAX_BEFORE];
static int before_line[MAX_BEFORE];
static int before_count, before_next;

static void remember_line(const char *line, int lineno) {
  if (before_n == 0)
    return;
  free(before_text[before_next]);
  before_text[before_next] = strdup(line);
  before_line[before_next] = lineno;
  before_next = (before_next + 1) % before_n;
  if (before_count < before_n)
    before_count++;
}

/* Before printing line lineno: "--" after a gap, then the remembered
 * lines after last_printed. */
static void lead_in(const char *prefix, int lineno, int *last_printed) {
  int k;
  int first = lineno;
  int from = (before_next - before_count + before_n * 2) % (before_n ? before_n : 1);
  for (k = 0; k < before_count; k++) {
    int slot = (from + k) % before_n;
    if (before_line[slot] > *last_printed) {
      first = before_line[slot];
      break;
    }
  }
  if ((after_n || before_n) && any_printed && first != *last_printed + 1)
    printf("--\n");
  for (k = 0; k < before_count; k++) {
    int slot = (from + k) % before_n;
    if (before_line[slot] > *last_printed)
      put_line(prefix, before_line[slot], '-', before_text[slot], strlen(before_text[slot]));
  }
  before_count = 0;
}

/* Searches one open file; NAME is the file's name for -l and the prefix
 * (0 for no prefix). Returns the number of selected lines. */
static int grep(FILE *f, const char *name, const char *prefix) {
  static char line[8192];
  int lineno = 0;
  int count = 0;
  int last_printed = 0;  /* in this file; a new file starts a new group */
  int after_left = 0;
  before_count = 0;
  before_next = 0;
  if (any_printed)
    last_printed = -1;
  while (fgets(line, sizeof line, f)) {
    int len = strlen(line);
    lineno++;
    if (len > 0 && line[len - 1] == '\n')
      line[--len] = 0;
    if (opt_max >= 0 && count >= opt_max) {
      /* -m: the context after the last selected line still comes out */
      if (after_left > 0 && line_matches(line, len) == opt_v) {
        after_left--;
        put_line(prefix, lineno, '-', line, len);
        last_printed = lineno;
        continue;
      }
      break;
    }
    if (line_matches(line, len) == opt_v) {
      if (after_left > 0) {
        after_left--;
        put_line(prefix, lineno, '-', line, len);
        last_printed = lineno;
      } else {
        remember_line(line, lineno);
      }
      continue;
    }
    count++;
    if (opt_q)
      exit(0);
    if (opt_l || opt_L)
      break;
    if (opt_c)
      continue;
    lead_in(prefix, lineno, &last_printed);
    if (opt_o) {
      int off = 0;
      int a, b;
      while (!opt_v && off <= len && next_match(line, len, off, &a, &b)) {
        if (b > a)
          put_line(prefix, lineno, ':', line + a, b - a);
        off = b > a ? b : a + 1;
      }
    } else {
      put_line(prefix, lineno, ':', line, len);
    }
    any_printed = 1;
    last_printed = lineno;
    after_left = after_n;
  }
  if (opt_l && count)
    printf("%s\n", name);
  if (opt_L && !count)
    printf("%s\n", name);
  if (opt_c && !opt_l && !opt_L) {
    if (prefix)
      printf("%s:", prefix);
    printf("%d\n", count);
  }
  return count;
}

static int err;
static int matched;

static int by_string(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* One operand: a file, or with -r a directory searched below (its
 * entries in name order). shown is the name as printed. */
static void search_path(const char *path, int top) {
  struct stat st;
  FILE *f;
  int is_dir = 0;
  if (strcmp(path, "-") != 0) {
    int r = (top || opt_recursive == 'R') ? stat(path, &st) : lstat(path, &st);
    if (r == 0) {
      if (!top && S_ISLNK(st.st_mode))
        return;   /* -r skips symbolic links below the operands */
      is_dir = S_ISDIR(st.st_mode);
      if (!top && !is_dir && !S_ISREG(st.st_mode))
        return;   /* devices and FIFOs met on the way are not read */
      if (!is_dir && !name_wanted(path))
        return;
    }
  }
  if (is_dir && opt_recursive) {
    DIR *d = opendir(path);
    struct dirent *e;
    char **names = 0;
    int n = 0;
    int cap = 0;
    int k;
    if (!d) {
      if (!opt_s)
        u_perror2("grep", path);
      err = 1;
      return;
    }
    while ((e = readdir(d)) != 0) {
      if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
        continue;
      if (n == cap) {
        cap = cap ? cap * 2 : 16;
        names = realloc(names, cap * sizeof *names);
      }
      names[n++] = strcmp(path, ".") == 0 && top == 2 ? strdup(e->d_name) : u_path_join(path, e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, by_string);
    for (k = 0; k < n; k++) {
      search_path(names[k], 0);
      free(names[k]);
    }
    free(names);
    return;
  }
  if (is_dir) {
    if (!opt_s)
      fprintf(stderr, "grep: %s: Is a directory\n", path);
    err = 1;
    return;
  }
  f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
  if (!f) {
    if (!opt_s)
      u_perror2("grep", path);
    err = 1;
    return;
  }
  {
    const char *name = f == stdin ? "(standard input)" : path;
    matched += grep(f, name, opt_names ? name : 0);
  }
  if (f != stdin)
    fclose(f);
}

/* -A/-B/-C's number; -1 when it is not one */
static int context_number(const char *s) {
  int n = 0;
  if (!*s)
    return -1;
  for (; *s; s++) {
    if (*s < '0' || *s > '9')
      return -1;
    n = n * 10 + (*s - '0');
    if (n > 1000000)
      n = 1000000;
  }
  return n;
}

int main(int argc, char **argv) {
  int i = 1;
  int syntax = 'G';
  int icase = 0;
  const char *given[MAX_PATTERNS];
  int ngiven = 0;
  int nfiles;
  int k;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    const char *o;
    if (strcmp(argv[i], "--") == 0) {
      i++;
      break;
    }
    if (argv[i][1] == '-') {
      const char *l = argv[i] + 2;
      if (strncmp(l, "include=", 8) == 0 && nincludes < MAX_GLOBS)
        includes[nincludes++] = l + 8;
      else if (strncmp(l, "exclude=", 8) == 0 && nexcludes < MAX_GLOBS)
        excludes[nexcludes++] = l + 8;
      else if (strcmp(l, "color") != 0 && strncmp(l, "color=", 6) != 0 &&
               strcmp(l, "colour") != 0 && strncmp(l, "colour=", 7) != 0) {
        fprintf(stderr, "grep: unrecognized option '%s'\n", argv[i]);
        usage();
        return 2;
      }
      continue;
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
      if (*o == 'A' || *o == 'B' || *o == 'C' || *o == 'm') {
        const char *value = o[1] ? o + 1 : (i + 1 < argc ? argv[++i] : 0);
        int n = value ? context_number(value) : -1;
        if (n < 0) {
          if (!value)
            fprintf(stderr, "grep: option requires an argument -- '%c'\n", *o);
          else
            fprintf(stderr, "grep: %s: invalid %s argument\n", value, *o == 'm' ? "max count" : "context length");
          usage();
          return 2;
        }
        if (*o == 'm')
          opt_max = n;
        if (*o == 'A' || *o == 'C')
          after_n = n;
        if (*o == 'B' || *o == 'C')
          before_n = n;
        break;
      }
      if (*o >= '0' && *o <= '9') {   /* -NUM: -C NUM */
        int n = 0;
        while (*o >= '0' && *o <= '9')
          n = n * 10 + (*o++ - '0');
        o--;
        after_n = before_n = n;
        continue;
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
      else if (*o == 'o') opt_o = 1;
      else if (*o == 'L') opt_L = 1;
      else if (*o == 'r' || *o == 'R') opt_recursive = *o;
      else if (*o == 'h') opt_names = 0;
      else {
        fprintf(stderr, "grep: invalid option -- '%c'\n", *o);
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
  if (before_n > MAX_BEFORE)
    before_n = MAX_BEFORE;
  nfiles = argc - i;
  if (opt_names < 0) {
    /* names when several files, or when -r may find several */
    struct stat st;
    opt_names = nfiles > 1 || (opt_recursive && (nfiles == 0 || (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))));
  }
  if (nfiles == 0 && opt_recursive) {
    search_path(".", 2);   /* names relative to ., without "./" (GNU) */
    return err && !(opt_q && matched) ? 2 : matched ? 0 : 1;
  }
  if (nfiles == 0)
    return grep(stdin, "(standard input)", opt_names ? "(standard input)" : 0) ? 0 : 1;
  for (; i < argc; i++)
    search_path(argv[i], 1);
  if (err)
    return 2;
  return matched ? 0 : 1;
}
