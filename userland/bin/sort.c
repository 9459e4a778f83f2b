/* sort: sorts lines of text files (or stdin) as GNU sort does in the C locale.
 *   -n numeric (an optional -, digits, a fraction; anything else is 0)
 *   -r reverse  -f fold lower case to upper  -b ignore leading blanks
 *   -u only the first of a run of equal lines (equal keys with -k)
 *   -s stable: no last-resort comparison of whole lines
 *   -t C field separator (default: a field starts at a blank after a non-blank)
 *   -k F[.C][OPTS][,F[.C][OPTS]] a key (several allowed; OPTS from n r f b)
 *   -o FILE write there (after reading everything, so it may be an input)
 *   -c check that the input is sorted (status 1 and a message if not)
 * Lines equal on every key are ordered by their bytes (GNU's last resort)
 * unless -s or -u; the sort is a merge sort, so it is stable. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <errno.h>
#include <unistd.h>
#include "ulib.h"

#define MAX_KEYS 10

struct key {
  int sfield, schar;   /* start: field (1-based) and character (1-based, 0 = start) */
  int efield, echar;   /* end: field (0 = end of line) and character (0 = end of field) */
  int numeric, reverse, fold, blanks;
};

static struct key keys[MAX_KEYS];
static int nkeys;
static struct key global;
static int opt_unique, opt_stable, opt_check;
static int separator = -1;

struct line {
  char *text;
  int len;
};

/* The start of field F (1-based) of s[0..len) and where it ends. */
static const char *field(const char *s, const char *end, int f, const char **fend) {
  const char *p = s;
  int i;
  for (i = 1; i < f && p < end; i++) {
    if (separator >= 0) {
      while (p < end && *p != separator)
        p++;
      if (p < end)
        p++;
      else
        break;
    } else {
      while (p < end && (*p == ' ' || *p == '\t'))
        p++;
      while (p < end && *p != ' ' && *p != '\t')
        p++;
    }
  }
  if (i < f)
    p = end;
  *fend = p;
  if (separator >= 0) {
    while (*fend < end && **fend != separator)
      (*fend)++;
  } else {
    while (*fend < end && (**fend == ' ' || **fend == '\t'))
      (*fend)++;
    while (*fend < end && **fend != ' ' && **fend != '\t')
      (*fend)++;
  }
  return p;
}

/* The key K of line L as [*ks, *ke). */
static void key_span(const struct key *k, const struct line *l, const char **ks, const char **ke) {
  const char *end = l->text + l->len;
  const char *fend;
  const char *s = field(l->text, end, k->sfield, &fend);
  if (k->blanks)
    while (s < fend && (*s == ' ' || *s == '\t'))
      s++;
  /* as GNU sort, a character position may run past its field, up to the line's end */
  if (k->schar > 1)
    s = s + k->schar - 1 < end ? s + k->schar - 1 : end;
  if (k->efield == 0) {
    *ke = end;
  } else {
    const char *es = field(l->text, end, k->efield, &fend);
    if (k->echar == 0) {
      *ke = fend;
    } else {
      if (k->blanks)
        while (es < fend && (*es == ' ' || *es == '\t'))
          es++;
      *ke = es + k->echar < end ? es + k->echar : end;
    }
  }
  if (*ke < s)
    *ke = s;
  *ks = s;
}

/* Numeric comparison of two texts without floating point: sign, then
 * the integer digits (length first), then the fraction digit by digit. */
static int numcmp(const char *a, const char *ae, const char *b, const char *be) {
  int sa = 1;
  int sb = 1;
  const char *ia, *ib, *fa, *fb;
  int la, lb, r, za, zb;
  while (a < ae && (*a == ' ' || *a == '\t'))
    a++;
  while (b < be && (*b == ' ' || *b == '\t'))
    b++;
  if (a < ae && *a == '-') {
    sa = -1;
    a++;
  }
  if (b < be && *b == '-') {
    sb = -1;
    b++;
  }
  while (a < ae && *a == '0')
    a++;
  while (b < be && *b == '0')
    b++;
  for (ia = a; ia < ae && isdigit((unsigned char)*ia); ia++)
    ;
  for (ib = b; ib < be && isdigit((unsigned char)*ib); ib++)
    ;
  la = ia - a;
  lb = ib - b;
  fa = ia < ae && *ia == '.' ? ia + 1 : ia;
  fb = ib < be && *ib == '.' ? ib + 1 : ib;
  /* a number that is zero has no sign ("-0" = "0") */
  za = la == 0;
  zb = lb == 0;
  {
    const char *q;
    for (q = fa; za && q < ae && isdigit((unsigned char)*q); q++)
      if (*q != '0')
        za = 0;
    for (q = fb; zb && q < be && isdigit((unsigned char)*q); q++)
      if (*q != '0')
        zb = 0;
  }
  if (za)
    sa = 0;
  if (zb)
    sb = 0;
  if (sa != sb)
    return sa < sb ? -1 : 1;
  if (sa == 0)
    return 0;
  if (la != lb)
    return (la < lb ? -1 : 1) * sa;
  r = memcmp(a, b, la);
  if (r)
    return (r < 0 ? -1 : 1) * sa;
  for (;;) {
    int da = fa < ae && isdigit((unsigned char)*fa) ? *fa : '0';
    int db = fb < be && isdigit((unsigned char)*fb) ? *fb : '0';
    int more_a = fa < ae && isdigit((unsigned char)*fa);
    int more_b = fb < be && isdigit((unsigned char)*fb);
    if (!more_a && !more_b)
      return 0;
    if (da != db)
      return (da < db ? -1 : 1) * sa;
    if (more_a)
      fa++;
    if (more_b)
      fb++;
  }
}

static int textcmp(const char *a, const char *ae, const char *b, const char *be, int fold) {
  while (a < ae && b < be) {
    int x = (unsigned char)*a++;
    int y = (unsigned char)*b++;
    if (fold) {
      x = toupper(x);
      y = toupper(y);
    }
    if (x != y)
      return x < y ? -1 : 1;
  }
  return (a < ae) - (b < be);
}

static int compare_keys(const struct line *x, const struct line *y) {
  int i;
  if (nkeys == 0) {
    const char *xs = x->text;
    const char *ys = y->text;
    const char *xe = x->text + x->len;
    const char *ye = y->text + y->len;
    int r;
    if (global.blanks) {
      while (xs < xe && (*xs == ' ' || *xs == '\t'))
        xs++;
      while (ys < ye && (*ys == ' ' || *ys == '\t'))
        ys++;
    }
    r = global.numeric ? numcmp(xs, xe, ys, ye) : textcmp(xs, xe, ys, ye, global.fold);
    return global.reverse ? -r : r;
  }
  for (i = 0; i < nkeys; i++) {
    const char *a, *ae, *b, *be;
    int r;
    key_span(&keys[i], x, &a, &ae);
    key_span(&keys[i], y, &b, &be);
    r = keys[i].numeric ? numcmp(a, ae, b, be) : textcmp(a, ae, b, be, keys[i].fold);
    if (r)
      return keys[i].reverse ? -r : r;
  }
  return 0;
}

static int compare(const struct line *x, const struct line *y) {
  int r = compare_keys(x, y);
  if (r || opt_stable || opt_unique)
    return r;
  r = textcmp(x->text, x->text + x->len, y->text, y->text + y->len, 0);
  return global.reverse ? -r : r;
}

/* Stable merge sort of n lines, tmp the same size. */
static void merge_sort(struct line *a, struct line *tmp, int n) {
  int mid = n / 2;
  int i, j, k;
  if (n < 2)
    return;
  merge_sort(a, tmp, mid);
  merge_sort(a + mid, tmp, n - mid);
  for (i = 0, j = mid, k = 0; i < mid && j < n;)
    tmp[k++] = compare(&a[j], &a[i]) < 0 ? a[j++] : a[i++];
  while (i < mid)
    tmp[k++] = a[i++];
  while (j < n)
    tmp[k++] = a[j++];
  memcpy(a, tmp, n * sizeof *a);
}

/* "F[.C][OPTS]"; returns the rest. */
static const char *parse_pos(const char *s, int *f, int *c, struct key *k) {
  *f = 0;
  *c = 0;
  while (isdigit((unsigned char)*s))
    *f = *f * 10 + (*s++ - '0');
  if (*s == '.') {
    s++;
    while (isdigit((unsigned char)*s))
      *c = *c * 10 + (*s++ - '0');
  }
  for (; *s && *s != ','; s++) {
    if (*s == 'n')
      k->numeric = 1;
    else if (*s == 'r')
      k->reverse = 1;
    else if (*s == 'f')
      k->fold = 1;
    else if (*s == 'b')
      k->blanks = 1;
    else
      return 0;
  }
  return s;
}

static int add_key(const char *spec) {
  struct key *k;
  const char *s;
  int plain;
  if (nkeys >= MAX_KEYS)
    return 0;
  k = &keys[nkeys];
  memset(k, 0, sizeof *k);
  s = parse_pos(spec, &k->sfield, &k->schar, k);
  if (!s || k->sfield < 1)
    return 0;
  if (*s == ',') {
    s = parse_pos(s + 1, &k->efield, &k->echar, k);
    if (!s || *s || k->efield < 1)
      return 0;
  }
  plain = !k->numeric && !k->reverse && !k->fold && !k->blanks;
  if (plain) {
    /* a key without options takes the global ones */
    k->numeric = global.numeric;
    k->reverse = global.reverse;
    k->fold = global.fold;
    k->blanks = global.blanks;
  }
  nkeys++;
  return 1;
}

static struct line *lines;
static int nlines, cap;

static int read_lines(FILE *f) {
  char *buf = 0;
  size_t size = 0;
  int len;
  while ((len = getline(&buf, &size, f)) >= 0) {
    if (len > 0 && buf[len - 1] == '\n')
      buf[--len] = 0;
    if (nlines >= cap) {
      cap = cap ? 2 * cap : 256;
      lines = realloc(lines, cap * sizeof *lines);
      if (!lines)
        return -1;
    }
    lines[nlines].text = malloc(len + 1);
    if (!lines[nlines].text)
      return -1;
    memcpy(lines[nlines].text, buf, len + 1);
    lines[nlines].len = len;
    nlines++;
  }
  free(buf);
  return 0;
}

static void usage(void) {
  fprintf(stderr, "usage: sort [-bcfnrsu] [-t C] [-k KEY]... [-o FILE] [FILE...]\n");
  exit(2);
}

int main(int argc, char **argv) {
  int i;
  const char *outname = 0;
  const char *keyspecs[MAX_KEYS];
  int nspecs = 0;
  struct line *tmp;
  FILE *out = stdout;
  int c;
  while ((c = getopt(argc, argv, "nrfbusct:k:o:")) != -1) {
    switch (c) {
    case 'n': global.numeric = 1; break;
    case 'r': global.reverse = 1; break;
    case 'f': global.fold = 1; break;
    case 'b': global.blanks = 1; break;
    case 'u': opt_unique = 1; break;
    case 's': opt_stable = 1; break;
    case 'c': opt_check = 1; break;
    case 't':
      if (strlen(optarg) != 1) {
        fprintf(stderr, "sort: multi-character tab '%s'\n", optarg);
        return 2;
      }
      separator = (unsigned char)optarg[0];
      break;
    case 'k':
      if (nspecs >= MAX_KEYS)
        usage();
      keyspecs[nspecs++] = optarg;
      break;
    case 'o': outname = optarg; break;
    default: usage();   /* getopt said what was wrong */
    }
  }
  i = optind;
  for (nkeys = 0; nkeys < nspecs;) {
    if (!add_key(keyspecs[nkeys])) {
      fprintf(stderr, "sort: invalid key '%s'\n", keyspecs[nkeys]);
      return 2;
    }
  }
  if (i >= argc) {
    if (read_lines(stdin) < 0)
      goto nomem;
  }
  for (; i < argc; i++) {
    FILE *f = strcmp(argv[i], "-") == 0 ? stdin : fopen(argv[i], "r");
    if (!f) {
      fprintf(stderr, "sort: cannot read: %s: %s\n", argv[i], strerror(errno));
      return 2;
    }
    if (read_lines(f) < 0)
      goto nomem;
    if (f != stdin)
      fclose(f);
  }
  if (opt_check) {
    for (i = 1; i < nlines; i++) {
      int r = compare(&lines[i - 1], &lines[i]);
      if (r > 0 || (opt_unique && r == 0)) {
        fprintf(stderr, "sort: -:%d: disorder: %s\n", i + 1, lines[i].text);
        return 1;
      }
    }
    return 0;
  }
  tmp = malloc((nlines + 1) * sizeof *tmp);
  if (!tmp)
    goto nomem;
  merge_sort(lines, tmp, nlines);
  if (outname) {
    out = fopen(outname, "w");
    if (!out) {
      u_perror2("sort", outname);
      return 2;
    }
  }
  for (i = 0; i < nlines; i++) {
    if (opt_unique && i > 0 && compare(&lines[i - 1], &lines[i]) == 0)
      continue;
    fwrite(lines[i].text, 1, lines[i].len, out);
    fputc('\n', out);
  }
  if (fclose(out) != 0) {
    u_perror2("sort", outname ? outname : "write error");
    return 2;
  }
  return 0;
nomem:
  fprintf(stderr, "sort: out of memory\n");
  return 2;
}
