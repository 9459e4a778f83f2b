/* builtins_io.c: echo, printf and read.
 *
 * echo is dash's: -n leaves out the newline; backslash escapes (\n \t
 * \c \\ \0NNN …) are always interpreted. printf FORMAT [ARG…]: %s %b %c
 * %d %i %u %o %x %X %% with flags, width and precision (digits or *),
 * escapes in FORMAT; the format is used again while arguments remain;
 * a missing argument is "" or 0; a bad number is reported, printed as
 * far as it goes, and makes the status 1; %b's \c ends all output.
 * read [-r] [-p PROMPT] [NAME…] (the prompt only when fd 0 is a terminal,
 * as dash) reads one line from fd 0, a byte at a
 * time so nothing after the newline is taken from a command's input;
 * without -r a backslash quotes the next character and backslash-newline
 * continues the line. The line is split by IFS: each NAME but the last
 * gets one field, the last the rest of the line (IFS white space trimmed);
 * without names the line goes to REPLY. Status 1 at end of file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <signal.h>
#include "ulib.h"
#include "sh.h"

/* One escape at s (just after the backslash) into out; the characters
 * used. *stop is set by \c. octal_zero: \0NNN (echo, %b) rather than \NNN. */
static int escape(const char *s, struct ebuf *out, int *stop, int octal_zero) {
  char c = 0;
  int used = 1;
  switch (*s) {
  case 'a': c = 7; break;
  case 'b': c = 8; break;
  case 'c': *stop = 1; return 1;
  case 'e': c = 27; break;
  case 'f': c = 12; break;
  case 'n': c = '\n'; break;
  case 'r': c = '\r'; break;
  case 't': c = '\t'; break;
  case 'v': c = 11; break;
  case '\\': c = '\\'; break;
  default:
    if ((*s >= '0' && *s <= '7') && (!octal_zero || *s == '0')) {
      int v = 0;
      int k = 0;
      int max = octal_zero ? 4 : 3;
      while (k < max && s[k] >= '0' && s[k] <= '7') {
        v = v * 8 + (s[k] - '0');
        k++;
      }
      c = (char)v;
      used = k;
    } else {
      eb_put(out, "\\", 1, 0);
      return 0;
    }
  }
  eb_put(out, &c, 1, 0);
  return used;
}

/* s with its backslash escapes done; *stop when \c was met. */
static struct ebuf unescape(const char *s, int *stop, int octal_zero) {
  struct ebuf b;
  eb_init(&b);
  while (*s && !*stop) {
    if (*s == '\\' && s[1]) {
      s++;
      s += escape(s, &b, stop, octal_zero);
    } else {
      eb_put(&b, s, 1, 0);
      s++;
    }
  }
  return b;
}

int builtin_echo(int argc, char **argv) {
  int i = 1;
  int newline = 1;
  int stop = 0;
  int escapes = 1;
  /* options as bash takes them: words of only n, e and E after a '-'
   * (-n no newline, -e backslash escapes, -E none); the escapes are on
   * by default, as in dash and POSIX's XSI echo */
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    const char *o = argv[i] + 1;
    while (*o == 'n' || *o == 'e' || *o == 'E')
      o++;
    if (*o)
      break;
    for (o = argv[i] + 1; *o; o++) {
      if (*o == 'n')
        newline = 0;
      else
        escapes = *o == 'e';
    }
  }
  for (; i < argc && !stop; i++) {
    if (escapes) {
      struct ebuf b = unescape(argv[i], &stop, 1);
      fwrite(b.s, 1, b.len, stdout);
    } else {
      fputs(argv[i], stdout);
    }
    if (i + 1 < argc && !stop)
      putchar(' ');
  }
  if (newline && !stop)
    putchar('\n');
  return write_error_check("echo");
}

static int printf_status;

static long numeric_arg(const char *s) {
  char *end;
  long v;
  if (!s || !*s)
    return 0;
  if ((s[0] == '\'' || s[0] == '"') && s[1])
    return (unsigned char)s[1];
  errno = 0;
  v = strtol(s, &end, 0);
  if (*end || end == s) {
    fprintf(stderr, "sh: printf: %s: %s\n", s, end == s ? "expected numeric value" : "not completely converted");
    printf_status = 1;
  }
  return v;
}

/* A width or precision at f copied into spec at *n: "*" takes the next
 * argument's number, else the digits (spec kept under limit). Returns
 * what follows in the format. */
static const char *spec_count(const char *f, char *spec, int *n, int limit, char **argv, int argc, int *used) {
  if (*f == '*') {
    *n += sprintf(spec + *n, "%d", (int)numeric_arg(*used < argc ? argv[*used] : 0));
    (*used)++;
    return f + 1;
  }
  while (*f >= '0' && *f <= '9' && *n < limit)
    spec[(*n)++] = *f++;
  return f;
}

/* One pass over the format; returns the arguments used, -1 after \c. */
static int printf_once(const char *f, int argc, char **argv) {
  int used = 0;
  struct ebuf out;
  eb_init(&out);
  while (*f) {
    char spec[32];
    int n = 0;
    char conv;
    char tmp[64];
    if (*f == '\\') {
      int stop = 0;
      f++;
      if (!*f) {
        eb_put(&out, "\\", 1, 0);
        break;
      }
      f += escape(f, &out, &stop, 0);
      if (stop) {
        fwrite(out.s, 1, out.len, stdout);
        return -1;
      }
      continue;
    }
    if (*f != '%') {
      eb_put(&out, f, 1, 0);
      f++;
      continue;
    }
    if (f[1] == '%') {
      eb_put(&out, "%", 1, 0);
      f += 2;
      continue;
    }
    spec[n++] = *f++;
    while (*f && strchr("-+ #0", *f) && n < 20)
      spec[n++] = *f++;
    f = spec_count(f, spec, &n, 24, argv, argc, &used);   /* the width */
    if (*f == '.') {
      spec[n++] = *f++;
      f = spec_count(f, spec, &n, 28, argv, argc, &used);   /* the precision */
    }
    conv = *f;
    if (conv == 'f' || conv == 'F') {
      /* decimal arithmetic on the argument's text (no floating point) */
      const char *arg = used < argc ? argv[used] : "0";
      int width = -1;
      int prec = -1;
      int k = 1;
      char flags[24];
      char text[256];
      int nf = 0;
      used++;
      f++;
      spec[n] = 0;
      while (k < n && strchr("-+ #0", spec[k]))
        flags[nf++] = spec[k++];
      flags[nf] = 0;
      if (k < n && spec[k] >= '0' && spec[k] <= '9')
        width = atoi(spec + k);
      if (strchr(spec, '.'))
        prec = atoi(strchr(spec, '.') + 1);
      if (u_format_fixed(arg, flags, width, prec, text, sizeof text) < 0) {
        fprintf(stderr, "sh: printf: %s: expected numeric value\n", arg);
        printf_status = 1;
        if (u_format_fixed("0", flags, width, prec, text, sizeof text) < 0)
          text[0] = 0;
      }
      eb_put(&out, text, strlen(text), 0);
      continue;
    }
    if (!conv || !strchr("sbcdiuoxX", conv)) {
      fprintf(stderr, "sh: printf: %%%c: invalid directive\n", conv ? conv : ' ');
      printf_status = 1;
      fwrite(out.s, 1, out.len, stdout);
      return -1;
    }
    f++;
    {
      const char *arg = used < argc ? argv[used] : 0;
      used++;
      if (conv == 's' || conv == 'b') {
        const char *text = arg ? arg : "";
        char *big;
        int stop = 0;
        if (conv == 'b') {
          struct ebuf e = unescape(text, &stop, 1);
          text = e.s;
        }
        spec[n++] = 's';
        spec[n] = 0;
        big = arena_alloc(strlen(text) + 256);
        sprintf(big, spec, text);
        eb_put(&out, big, strlen(big), 0);
        if (stop) {
          fwrite(out.s, 1, out.len, stdout);
          return -1;
        }
      } else if (conv == 'c') {
        spec[n++] = 'c';
        spec[n] = 0;
        if (arg && arg[0]) {
          sprintf(tmp, spec, arg[0]);
          eb_put(&out, tmp, strlen(tmp), 0);
        }
      } else {
        spec[n++] = 'l';
        spec[n++] = conv;
        spec[n] = 0;
        sprintf(tmp, spec, numeric_arg(arg));
        eb_put(&out, tmp, strlen(tmp), 0);
      }
    }
  }
  fwrite(out.s, 1, out.len, stdout);
  return used;
}

int builtin_printf(int argc, char **argv) {
  int pos = 1;
  printf_status = 0;
  if (argc < 2) {
    fprintf(stderr, "sh: printf: usage: printf format [arg ...]\n");
    return 2;
  }
  if (strcmp(argv[1], "--") == 0)
    pos = 2;
  if (pos >= argc)
    return 0;
  {
    const char *format = argv[pos];
    int nargs = argc - pos - 1;
    char **args = argv + pos + 1;
    for (;;) {
      int used = printf_once(format, nargs, args);
      if (used <= 0 || used >= nargs)
        break;
      args += used;
      nargs -= used;
    }
  }
  if (write_error_check("printf"))
    return 1;
  return printf_status;
}

/* ---- read -------------------------------------------------------------- */

static int is_ifs(int c, const char *ifs) {
  return c && strchr(ifs, c) != 0;
}

static int is_ifs_white(int c, const char *ifs) {
  return (c == ' ' || c == '\t' || c == '\n') && is_ifs(c, ifs);
}

int builtin_read(int argc, char **argv) {
  int raw = 0;
  const char *prompt = 0;
  int i = 1;
  struct ebuf line;
  int eof = 0;
  const char *ifs = ifs_value();
  int pos = 0;
  while (i < argc && argv[i][0] == '-' && argv[i][1]) {
    if (strcmp(argv[i], "-r") == 0) {
      raw = 1;
    } else if (strcmp(argv[i], "-p") == 0 && i + 1 < argc) {
      prompt = argv[++i];
    } else if (strcmp(argv[i], "--") == 0) {
      i++;
      break;
    } else {
      fprintf(stderr, "sh: read: %s: invalid option\n", argv[i]);
      return 2;
    }
    i++;
  }
  if (prompt && isatty(0)) {
    fputs(prompt, stderr);
    fflush(stderr);
  }
  eb_init(&line);
  for (;;) {
    char c;
    int r = read(0, &c, 1);
    if (r < 0 && errno == EINTR) {
      if (user_interrupted()) {
        return 128 + SIGINT;
      }
      if (trap_pending)
        trap_run_pending();
      continue;
    }
    if (r <= 0) {
      eof = 1;
      break;
    }
    if (c == '\n')
      break;
    if (c == '\\' && !raw) {
      r = read(0, &c, 1);
      if (r <= 0) {
        eof = 1;
        break;
      }
      if (c == '\n')
        continue;
      eb_put(&line, &c, 1, M_QUOTED);
      continue;
    }
    eb_put(&line, &c, 1, 0);
  }
  if (i >= argc) {
    var_set("REPLY", line.s, 0);
    return eof;
  }
  for (; i < argc; i++) {
    int start;
    int end;
    while (pos < line.len && !line.mask[pos] && is_ifs_white(line.s[pos], ifs))
      pos++;
    start = pos;
    if (i == argc - 1) {
      end = line.len;
      while (end > start && !line.mask[end - 1] && is_ifs_white(line.s[end - 1], ifs))
        end--;
      pos = line.len;
    } else {
      while (pos < line.len && (line.mask[pos] || !is_ifs(line.s[pos], ifs)))
        pos++;
      end = pos;
      /* one delimiter: white space around it, or one other IFS character */
      while (pos < line.len && !line.mask[pos] && is_ifs_white(line.s[pos], ifs))
        pos++;
      if (pos < line.len && !line.mask[pos] && is_ifs(line.s[pos], ifs) && !is_ifs_white(line.s[pos], ifs))
        pos++;
    }
    if (var_set(argv[i], arena_strndup(line.s + start, end - start), 0) < 0)
      return 2;
  }
  return eof;
}
