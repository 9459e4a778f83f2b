/* seq: prints a sequence of numbers.
 *   seq [-w] [-s SEP] [FIRST [INCREMENT]] LAST
 * Numbers may have a fraction (seq 0 0.25 1): they are kept as integers
 * scaled by 10^D, D the most digits after the point among the arguments,
 * and printed with D digits, as GNU seq does (no floating point here).
 * -w pads with leading zeros to equal width; -s puts SEP between numbers
 * (default a newline; the last is always followed by a newline). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int decimals(const char *s) {
  const char *dot = strchr(s, '.');
  return dot ? (int)strlen(dot + 1) : 0;
}

/* S scaled by 10^d into *v; 0 when S is not a number. */
static int parse(const char *s, int d, long *v) {
  long n = 0;
  int neg = 0;
  int frac = -1;
  const char *start;
  if (*s == '-' || *s == '+')
    neg = *s++ == '-';
  start = s;
  for (; *s; s++) {
    if (*s == '.' && frac < 0) {
      frac = 0;
      continue;
    }
    if (*s < '0' || *s > '9')
      return 0;
    if (frac >= 0)
      frac++;
    n = n * 10 + (*s - '0');
  }
  if (s == start || (frac == 0 && s == start + 1))
    return 0;
  if (frac < 0)
    frac = 0;
  while (frac++ < d)
    n *= 10;
  *v = neg ? -n : n;
  return 1;
}

static void format(long v, int d, int width, char *out) {
  char digits[40];
  long a = v < 0 ? -v : v;
  long scale = 1;
  int k;
  for (k = 0; k < d; k++)
    scale *= 10;
  if (d)
    sprintf(digits, "%ld.%0*ld", a / scale, d, a % scale);
  else
    sprintf(digits, "%ld", a);
  k = 0;
  if (v < 0)
    out[k++] = '-';
  while (k + (int)strlen(digits) < width)
    out[k++] = '0';
  strcpy(out + k, digits);
}

int main(int argc, char **argv) {
  const char *sep = "\n";
  int width = 0;
  int opt_w = 0;
  int i = 1;
  int d = 0;
  int nargs;
  long first = 1, step = 1, last;
  long v;
  char buf[64];
  int k;
  for (; i < argc && argv[i][0] == '-' && (argv[i][1] < '0' || argv[i][1] > '9') && argv[i][1] != '.'; i++) {
    if (strcmp(argv[i], "--") == 0) {
      i++;
      break;
    }
    if (strcmp(argv[i], "-w") == 0)
      opt_w = 1;
    else if (strncmp(argv[i], "-s", 2) == 0) {
      sep = argv[i][2] ? argv[i] + 2 : (i + 1 < argc ? argv[++i] : 0);
      if (!sep) {
        fprintf(stderr, "seq: option requires an argument -- 's'\n");
        return 1;
      }
    } else {
      fprintf(stderr, "seq: invalid option -- '%c'\nusage: seq [-w] [-s SEP] [FIRST [INCREMENT]] LAST\n", argv[i][1]);
      return 1;
    }
  }
  nargs = argc - i;
  if (nargs < 1 || nargs > 3) {
    fprintf(stderr, "seq: %s operand\nusage: seq [-w] [-s SEP] [FIRST [INCREMENT]] LAST\n", nargs < 1 ? "missing" : "extra");
    return 1;
  }
  for (k = i; k < argc; k++) {
    /* LAST's digits do not set the precision (as in GNU seq) unless it is the only one */
    if ((k < argc - 1 || nargs == 1) && decimals(argv[k]) > d)
      d = decimals(argv[k]);
  }
  for (k = i; k < argc; k++) {
    if (!parse(argv[k], d, &v)) {
      fprintf(stderr, "seq: invalid floating point argument: '%s'\n", argv[k]);
      return 1;
    }
  }
  {
    long scale = 1;
    for (k = 0; k < d; k++)
      scale *= 10;
    first = scale;
    step = scale;
  }
  if (nargs >= 2)
    parse(argv[i], d, &first);
  if (nargs == 3)
    parse(argv[i + 1], d, &step);
  /* LAST with more digits than D is cut towards FIRST's side as the loop needs */
  {
    int ld = decimals(argv[argc - 1]);
    if (ld > d) {
      long scaled;
      long div = 1;
      parse(argv[argc - 1], ld, &scaled);
      for (k = d; k < ld; k++)
        div *= 10;
      last = scaled / div;
      if (step < 0 && scaled % div)
        last += scaled < 0 ? 0 : 1;
      if (step > 0 && scaled < 0 && scaled % div)
        last -= 1;
    } else {
      parse(argv[argc - 1], d, &last);
    }
  }
  if (step == 0) {
    fprintf(stderr, "seq: invalid Zero increment value: '%s'\n", argv[i + 1]);
    return 1;
  }
  if (opt_w) {
    char a[64], b[64];
    format(first, d, 0, a);
    format(last, d, 0, b);
    width = strlen(a) > strlen(b) ? strlen(a) : strlen(b);
  }
  for (v = first, k = 0; step > 0 ? v <= last : v >= last; v += step, k++) {
    format(v, d, width, buf);
    if (k)
      fputs(sep, stdout);
    fputs(buf, stdout);
  }
  if (k)
    putchar('\n');
  return 0;
}
