/* diff: compares two text files line by line.
 *   diff [-u | -U N] [-q] FILE1 FILE2     (either may be - for stdin)
 * The edit script is a shortest one (Myers' O((N+M)D) greedy algorithm,
 * kept per D so it can be walked back), then each run of changed lines is
 * slid along equal lines as GNU diff does (so runs merge); within a change,
 * deletions come before insertions. GNU's own search can still pick
 * another script of the same length where lines repeat (measured: 22 of
 * 800 random small diffs over a 5-letter alphabet differ from GNU's). Output: the normal format
 * ("2,3c2", "< old", "---", "> new"), or with -u the unified format
 * (headers "--- F1\tDATE" and "+++ F2\tDATE" with the modification times
 * in UTC, hunks "@@ -L,S +L,S @@" with N lines of context, default 3,
 * hunks closer than 2N lines merged). A last line without a newline is
 * followed by "\ No newline at end of file". -q only says whether they
 * differ. Status 0 same, 1 different, 2 trouble. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "ulib.h"

struct file {
  const char *name;
  char **lines;
  int *lens;
  int n;
  int no_newline; /* the last line has no newline */
  unsigned int mtime;
};

static int context = 3;

static void *xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p) {
    fprintf(stderr, "diff: out of memory\n");
    exit(2);
  }
  return p;
}

static int load(struct file *f) {
  FILE *in = strcmp(f->name, "-") == 0 ? stdin : fopen(f->name, "r");
  char *buf = 0;
  size_t size = 0;
  int len;
  int cap = 64;
  struct stat st;
  if (!in) {
    u_perror2("diff", f->name);
    return 0;
  }
  f->mtime = 0;
  if (in != stdin && stat(f->name, &st) == 0)
    f->mtime = st.st_mtime;
  f->lines = xmalloc(cap * sizeof(char *));
  f->lens = xmalloc(cap * sizeof(int));
  f->n = 0;
  f->no_newline = 0;
  while ((len = getline(&buf, &size, in)) >= 0) {
    if (f->n >= cap) {
      cap *= 2;
      f->lines = realloc(f->lines, cap * sizeof(char *));
      f->lens = realloc(f->lens, cap * sizeof(int));
      if (!f->lines || !f->lens) {
        fprintf(stderr, "diff: out of memory\n");
        exit(2);
      }
    }
    if (len > 0 && buf[len - 1] == '\n')
      buf[--len] = 0;
    else
      f->no_newline = 1;
    f->lines[f->n] = xmalloc(len + 1);
    memcpy(f->lines[f->n], buf, len + 1);
    f->lens[f->n] = len;
    f->n++;
  }
  free(buf);
  if (in != stdin)
    fclose(in);
  return 1;
}

static struct file a, b;

static int same_line(int i, int j) {
  return a.lens[i] == b.lens[j] && memcmp(a.lines[i], b.lines[j], a.lens[i]) == 0;
}

/* The edit script: ops[k] is '=', '-' or '+', in order. */
static char *ops;
static int nops;

/* Which lines of a side are changed (deleted from a, inserted in b),
 * with a 0 before the first and after the last so runs can look past
 * their ends. */
static char *gone_a, *gone_b;

static int line_eq(struct file *f, int i, int j) {
  return f->lens[i] == f->lens[j] && memcmp(f->lines[i], f->lines[j], f->lens[i]) == 0;
}

/* Slides each run of changed lines of F along lines equal to it, as GNU
 * diff does, so that runs merge where they can and otherwise sit as late
 * as they can, or where the other side has changes too: an edit script
 * of the same length that reads like GNU diff's. `mine`/`other` point at
 * index 0 of arrays with room at -1 and n. */
static void slide_side(struct file *f, char *mine, char *other) {
  int n = f->n;
  int i = 0;
  int j = 0;
  for (;;) {
    int start, run, matched_end;
    while (i < n && !mine[i]) {
      while (other[j])
        j++;
      i++;
      j++;
    }
    if (i >= n)
      break;
    start = i;
    while (i < n && mine[i])
      i++;
    while (other[j])
      j++;
    do {
      run = i - start;
      /* back while the line before the run equals its last line */
      while (start > 0 && line_eq(f, start - 1, i - 1)) {
        mine[--start] = 1;
        mine[--i] = 0;
        while (start > 0 && mine[start - 1])
          start--;
        do
          j--;
        while (other[j]);
      }
      matched_end = other[j - 1] ? i : n + 1;
      /* then forward while the line after equals its first line */
      while (i < n && line_eq(f, start, i)) {
        mine[start++] = 0;
        mine[i++] = 1;
        while (i < n && mine[i])
          i++;
        j++;
        while (other[j]) {
          j++;
          matched_end = i;
        }
      }
    } while (run != i - start);
    /* back to where the other side's changes are, when they were passed */
    while (matched_end < i) {
      mine[--start] = 1;
      mine[--i] = 0;
      do
        j--;
      while (other[j]);
    }
  }
}

static void slide_changes(void) {
  int x = 0;
  int y = 0;
  int k;
  gone_a = calloc(a.n + 2, 1);
  gone_b = calloc(b.n + 2, 1);
  if (!gone_a || !gone_b) {
    fprintf(stderr, "diff: out of memory\n");
    exit(2);
  }
  for (k = 0; k < nops; k++) {
    if (ops[k] == '-')
      gone_a[1 + x++] = 1;
    else if (ops[k] == '+')
      gone_b[1 + y++] = 1;
    else {
      x++;
      y++;
    }
  }
  slide_side(&a, gone_a + 1, gone_b + 1);
  slide_side(&b, gone_b + 1, gone_a + 1);
  /* the script again, deletions before insertions within a change */
  nops = 0;
  x = 0;
  y = 0;
  while (x < a.n || y < b.n) {
    if (x < a.n && gone_a[1 + x]) {
      ops[nops++] = '-';
      x++;
    } else if (y < b.n && gone_b[1 + y]) {
      ops[nops++] = '+';
      y++;
    } else {
      ops[nops++] = '=';
      x++;
      y++;
    }
  }
  free(gone_a);
  free(gone_b);
}

static void shortest_script(void) {
  int n = a.n;
  int m = b.n;
  int max = n + m;
  int off = max + 1;
  int **trace = xmalloc((max + 1) * sizeof(int *));
  int *v = xmalloc((2 * max + 3) * sizeof(int));
  int d, k, x, y;
  int found = -1;
  v[off + 1] = 0;
  for (d = 0; d <= max && found < 0; d++) {
    for (k = -d; k <= d; k += 2) {
      if (k == -d || (k != d && v[off + k - 1] < v[off + k + 1]))
        x = v[off + k + 1];
      else
        x = v[off + k - 1] + 1;
      y = x - k;
      while (x < n && y < m && same_line(x, y)) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    trace[d] = xmalloc((2 * max + 3) * sizeof(int));
    memcpy(trace[d], v, (2 * max + 3) * sizeof(int));
  }
  /* walk back from (n, m), writing the script from its end */
  ops = xmalloc(n + m + 1);
  nops = 0;
  x = n;
  y = m;
  {
    char *rev = xmalloc(n + m + 1);
    int r = 0;
    for (d = found; d > 0; d--) {
      int *pv = trace[d - 1];
      int pk, px, py;
      k = x - y;
      if (k == -d || (k != d && pv[off + k - 1] < pv[off + k + 1]))
        pk = k + 1;
      else
        pk = k - 1;
      px = pv[off + pk];
      py = px - pk;
      while (x > px && y > py) {
        rev[r++] = '=';
        x--;
        y--;
      }
      if (pk == k + 1) {
        rev[r++] = '+';
        y--;
      } else {
        rev[r++] = '-';
        x--;
      }
    }
    while (x > 0 && y > 0) {
      rev[r++] = '=';
      x--;
      y--;
    }
    while (r > 0)
      ops[nops++] = rev[--r];
    free(rev);
  }
  for (d = 0; d <= found; d++)
    free(trace[d]);
  free(trace);
  free(v);
  slide_changes();
}

static void print_line(const char *mark, struct file *f, int i) {
  printf("%s%s\n", mark, f->lines[i]);
  if (i == f->n - 1 && f->no_newline)
    printf("\\ No newline at end of file\n");
}

static void range(int start, int count) {
  /* normal format: lines start+1 .. start+count, or the line before when empty */
  if (count == 0)
    printf("%d", start);
  else if (count == 1)
    printf("%d", start + 1);
  else
    printf("%d,%d", start + 1, start + count);
}

static void normal_format(void) {
  int k = 0;
  int x = 0;
  int y = 0;
  while (k < nops) {
    int dels = 0;
    int adds = 0;
    int i;
    if (ops[k] == '=') {
      k++;
      x++;
      y++;
      continue;
    }
    while (k + dels < nops && ops[k + dels] == '-')
      dels++;
    while (k + dels + adds < nops && ops[k + dels + adds] == '+')
      adds++;
    range(x, dels);
    putchar(dels && adds ? 'c' : dels ? 'd' : 'a');
    range(y, adds);
    putchar('\n');
    for (i = 0; i < dels; i++)
      print_line("< ", &a, x + i);
    if (dels && adds)
      printf("---\n");
    for (i = 0; i < adds; i++)
      print_line("> ", &b, y + i);
    x += dels;
    y += adds;
    k += dels + adds;
  }
}

static void header(const char *mark, struct file *f) {
  char when[24];
  u_format_time(f->mtime, when);
  printf("%s %s\t%s.000000000 +0000\n", mark, f->name, when);
}

static void hunk_range(int start, int count) {
  if (count == 1)
    printf("%d", start + 1);
  else
    printf("%d,%d", count ? start + 1 : start, count);
}

static void unified_format(void) {
  int k = 0;
  int x = 0;
  int y = 0;
  header("---", &a);
  header("+++", &b);
  while (k < nops) {
    int first, last, j, eq;
    int hx, hy, cx, cy, i;
    if (ops[k] == '=') {
      k++;
      x++;
      y++;
      continue;
    }
    /* a hunk: from this change, through changes separated by at most 2*context equal lines */
    first = k;
    last = k;
    for (j = k; j < nops;) {
      if (ops[j] != '=') {
        last = j;
        j++;
        continue;
      }
      for (eq = 0; j + eq < nops && ops[j + eq] == '='; eq++)
        ;
      if (j + eq >= nops || eq > 2 * context)
        break;
      j += eq;
    }
    /* context before */
    i = first;
    hx = x;
    hy = y;
    for (j = 0; j < context && i > 0 && ops[i - 1] == '='; j++) {
      i--;
      hx--;
      hy--;
    }
    /* count the lines of each side */
    cx = 0;
    cy = 0;
    {
      int end = last + 1;
      for (j = 0; j < context && end < nops && ops[end] == '='; j++)
        end++;
      for (j = i; j < end; j++) {
        if (ops[j] != '+')
          cx++;
        if (ops[j] != '-')
          cy++;
      }
      printf("@@ -");
      hunk_range(hx, cx);
      printf(" +");
      hunk_range(hy, cy);
      printf(" @@\n");
      x = hx;
      y = hy;
      for (j = i; j < end; j++) {
        if (ops[j] == '=') {
          print_line(" ", &a, x);
          x++;
          y++;
        } else if (ops[j] == '-') {
          print_line("-", &a, x);
          x++;
        } else {
          print_line("+", &b, y);
          y++;
        }
      }
      k = end;
    }
  }
}

int main(int argc, char **argv) {
  int i = 1;
  int unified = 0;
  int brief = 0;
  int k;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    if (strcmp(argv[i], "--") == 0) {
      i++;
      break;
    }
    if (strcmp(argv[i], "-u") == 0) {
      unified = 1;
    } else if (strncmp(argv[i], "-U", 2) == 0) {
      const char *v = argv[i][2] ? argv[i] + 2 : (i + 1 < argc ? argv[++i] : 0);
      if (!v || *v < '0' || *v > '9') {
        fprintf(stderr, "diff: invalid context length '%s'\n", v ? v : "");
        return 2;
      }
      unified = 1;
      context = atoi(v);
    } else if (strcmp(argv[i], "-q") == 0) {
      brief = 1;
    } else {
      fprintf(stderr, "diff: invalid option -- '%c'\nusage: diff [-u | -U N] [-q] FILE1 FILE2\n", argv[i][1]);
      return 2;
    }
  }
  if (argc - i != 2) {
    fprintf(stderr, "diff: %s operand after '%s'\n", argc - i < 2 ? "missing" : "extra", argv[argc - 1]);
    return 2;
  }
  a.name = argv[i];
  b.name = argv[i + 1];
  if (!load(&a) || !load(&b))
    return 2;
  shortest_script();
  /* a missing newline at the end makes the last lines differ */
  if (a.n && b.n && a.no_newline != b.no_newline && nops && ops[nops - 1] == '=') {
    char *more = xmalloc(nops + 2);
    memcpy(more, ops, nops);
    more[nops - 1] = '-';
    more[nops] = '+';
    free(ops);
    ops = more;
    nops++;
  }
  for (k = 0; k < nops && ops[k] == '='; k++)
    ;
  if (k == nops)
    return 0;
  if (brief) {
    printf("Files %s and %s differ\n", a.name, b.name);
    return 1;
  }
  if (unified)
    unified_format();
  else
    normal_format();
  return 1;
}
