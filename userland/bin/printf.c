/* printf: formats ARGS under the control of FORMAT, as coreutils printf.
 *   printf FORMAT [ARG...]
 * Escapes in FORMAT: \\ \" \a \b \f \n \r \t \v \NNN (octal) \xHH \c (stop).
 * Conversions: %d %i %o %u %x %X %c %s %b (ARG with escapes) %%, with
 * flags (-+ #0 space), width and precision, either as * from an ARG.
 * FORMAT is used again while ARGS remain; missing ARGS are 0 or "". A
 * numeric ARG may be 'C (the code of C), 0x.. hex or 0.. octal; one that
 * is not a number is reported and counts as what it starts with (status 1).
 * Numbers are 32-bit. There is no floating point: %f works on the
 * argument's decimal text (u_fixed.c); %e %g are refused. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include "ulib.h"

static int status;
static int stop; /* \c seen */
static char **args;
static int nargs, next_arg;

static const char *take(void) {
  return next_arg < nargs ? args[next_arg++] : 0;
}

static long number(const char *s) {
  char *end;
  long v;
  if (!s)
    return 0;
  if ((s[0] == '\'' || s[0] == '"') && s[1])
    return (unsigned char)s[1];
  errno = 0;
  if (*s == '-')
    v = strtol(s, &end, 0);
  else
    v = (long)strtoul(s, &end, 0);
  if (end == s || *end) {
    fprintf(stderr, "printf: '%s': %s\n", s, end == s ? "expected a numeric value" : "value not completely converted");
    status = 1;
  } else if (errno == ERANGE) {
    fprintf(stderr, "printf: '%s': Numerical result out of range\n", s);
    status = 1;
  }
  return v;
}

/* One escape at *pp (just after the backslash) to out; returns the byte or
 * -1 for \c, or the byte | 0x200 when it is no escape (a backslash is
 * printed before it). IN_B: %b's rules (\0NNN octal). */
static int escape(const char **pp, int in_b) {
  const char *p = *pp;
  int c = *p++;
  int n, k;
  switch (c) {
  case 'a': c = 7; break;
  case 'b': c = 8; break;
  case 'f': c = 12; break;
  case 'n': c = '\n'; break;
  case 'r': c = '\r'; break;
  case 't': c = '\t'; break;
  case 'v': c = 11; break;
  case 'c':
    *pp = p;
    return -1;
  case 'x':
    n = 0;
    for (k = 0; k < 2 && strchr("0123456789abcdefABCDEF", *p) && *p; k++, p++)
      n = n * 16 + (*p <= '9' ? *p - '0' : (*p | 32) - 'a' + 10);
    if (k == 0) {
      *pp = p;
      return 'x' | 0x200;
    } else {
      c = n;
    }
    break;
  default:
    if (c >= '0' && c <= '7') {
      int max = in_b && c == '0' ? 3 : 2;
      n = c - '0';
      if (in_b && c == '0')
        n = 0;
      for (k = 0; k < max && *p >= '0' && *p <= '7'; k++)
        n = n * 8 + (*p++ - '0');
      c = n & 255;
    } else if (!c) {
      *pp = p - 1;
      return '\\';
    } else if (c != '\\' && c != '"' && c != '\'') {
      *pp = p;
      return c | 0x200; /* not an escape: the backslash stays */
    }
  }
  *pp = p;
  return c & 255;
}

/* %b: the argument with its escapes expanded (malloc'd); \c sets stop. */
static char *expand_b(const char *s) {
  char *buf = malloc(2 * strlen(s) + 1);
  int n = 0;
  if (!buf) {
    fprintf(stderr, "printf: out of memory\n");
    exit(1);
  }
  while (*s) {
    if (*s == '\\') {
      int c;
      s++;
      c = escape(&s, 1);
      if (c < 0) {
        stop = 1;
        break;
      }
      if (c & 0x200)
        buf[n++] = '\\';
      buf[n++] = (char)c;
    } else {
      buf[n++] = *s++;
    }
  }
  buf[n] = 0;
  return buf;
}

/* One pass over FORMAT; returns the number of conversions that took an ARG. */
static int one_pass(const char *f) {
  int used = 0;
  while (*f && !stop) {
    char spec[40];
    int n = 0;
    int width = -1;
    int prec = -1;
    char conv;
    if (*f == '\\') {
      int c;
      f++;
      c = escape(&f, 0);
      if (c < 0) {
        stop = 1;
        break;
      }
      if (c & 0x200)
        putchar('\\');
      putchar(c & 255);
      continue;
    }
    if (*f != '%') {
      putchar(*f++);
      continue;
    }
    if (f[1] == '%') {
      putchar('%');
      f += 2;
      continue;
    }
    spec[n++] = *f++;
    while (*f && strchr("-+ #0", *f) && n < 10)
      spec[n++] = *f++;
    if (*f == '*') {
      f++;
      width = (int)number(take());
      if (width < 0) {
        spec[n++] = '-';
        width = -width;
      }
      used++;
    } else {
      while (*f >= '0' && *f <= '9')
        width = (width < 0 ? 0 : width * 10) + (*f++ - '0');
    }
    if (*f == '.') {
      f++;
      prec = 0;
      if (*f == '*') {
        f++;
        prec = (int)number(take());
        used++;
      } else {
        while (*f >= '0' && *f <= '9')
          prec = prec * 10 + (*f++ - '0');
      }
    }
    while (*f == 'l' || *f == 'h' || *f == 'j' || *f == 'z' || *f == 't')
      f++;
    conv = *f;
    if (conv == 'f' || conv == 'F') {
      /* decimal arithmetic on the argument's text (no floating point) */
      const char *a = take();
      char text[256];
      f++;
      used++;
      spec[n] = 0;
      if (u_format_fixed(a ? a : "0", spec + 1, width, prec, text, sizeof text) < 0) {
        fprintf(stderr, "printf: '%s': expected a numeric value\n", a);
        status = 1;
        if (u_format_fixed("0", spec + 1, width, prec, text, sizeof text) < 0)
          text[0] = 0;
      }
      fputs(text, stdout);
      continue;
    }
    if (!conv || !strchr("diouxXcsb", conv)) {
      if (conv && strchr("eEgGaA", conv))
        fprintf(stderr, "printf: %%%c: floating point is not supported\n", conv);
      else
        fprintf(stderr, "printf: %%%c: invalid conversion specification\n", conv ? conv : ' ');
      exit(1);
    }
    f++;
    spec[n] = 0;
    if (width >= 0)
      sprintf(spec + strlen(spec), "%d", width);
    if (prec >= 0 && conv != 'c')
      sprintf(spec + strlen(spec), ".%d", prec);
    n = strlen(spec);
    used++;
    if (strchr("diouxX", conv)) {
      spec[n++] = 'l';
      spec[n++] = conv;
      spec[n] = 0;
      printf(spec, number(take()));
    } else if (conv == 'c') {
      const char *a = take();
      spec[n++] = 'c';
      spec[n] = 0;
      printf(spec, a ? a[0] : 0);
    } else {
      const char *a = take();
      char *text = conv == 'b' ? expand_b(a ? a : "") : 0;
      spec[n++] = 's';
      spec[n] = 0;
      printf(spec, text ? text : a ? a : "");
      free(text);
    }
  }
  return used;
}

int main(int argc, char **argv) {
  int i = 1;
  if (i < argc && strcmp(argv[i], "--") == 0)
    i++;
  if (i >= argc) {
    fprintf(stderr, "printf: missing operand\nusage: printf FORMAT [ARGUMENT]...\n");
    return 1;
  }
  args = argv + i + 1;
  nargs = argc - i - 1;
  do {
    if (one_pass(argv[i]) == 0)
      break;
  } while (next_arg < nargs && !stop);
  fflush(stdout);
  return status;
}
