/* t_misc.c: ctype against glibc's "C" locale, qsort and bsearch against
 * sorted results and their complexity bound, and the small stdlib pieces
 * (rand against the C standard's example sequence, getenv, abs). */
#define _GNU_SOURCE
#include <fnmatch.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <limits.h>
#include "hk.h"

void test_ctype(void) {
  int c, bad = 0;
  for (c = -1; c < 256; c++) {
    bad += !hk_isalpha(c) != !isalpha(c);
    bad += !hk_isdigit(c) != !isdigit(c);
    bad += !hk_isalnum(c) != !isalnum(c);
    bad += !hk_isspace(c) != !isspace(c);
    bad += !hk_isupper(c) != !isupper(c);
    bad += !hk_islower(c) != !islower(c);
    bad += !hk_isxdigit(c) != !isxdigit(c);
    bad += !hk_isprint(c) != !isprint(c);
    bad += !hk_ispunct(c) != !ispunct(c);
    bad += !hk_iscntrl(c) != !iscntrl(c);
    bad += !hk_isgraph(c) != !isgraph(c);
    bad += !hk_isblank(c) != !isblank(c);
    bad += hk_toupper(c) != toupper(c);
    bad += hk_tolower(c) != tolower(c);
  }
  CHECK(bad == 0, "ctype over EOF and 0..255 agrees with glibc's C locale: %d differ", bad);
}

static long compares;

static int by_int(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  compares++;
  return (x > y) - (x < y);
}

static int by_int_uncounted(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}

struct record {
  int key;
  char name[8];
};

static int by_key(const void *a, const void *b) {
  const struct record *x = a, *y = b;
  return (x->key > y->key) - (x->key < y->key);
}

static int by_char(const void *a, const void *b) {
  return *(const unsigned char *)a - *(const unsigned char *)b;
}

static int ilog2(int n) {
  int k = 0;
  while (n > 1) {
    n >>= 1;
    k++;
  }
  return k;
}

/* Sorts one pattern and checks the result equals glibc's sort of the same
 * data (so it is sorted and a permutation) within the compare budget. */
static void sort_pattern(const char *name, int n, int kind, unsigned int seed) {
  static int ours[5000], theirs[5000];
  int i;
  for (i = 0; i < n; i++) {
    seed = seed * 1103515245u + 12345u;
    switch (kind) {
    case 0: ours[i] = (int)(seed >> 4); break;          /* random */
    case 1: ours[i] = i; break;                          /* sorted */
    case 2: ours[i] = n - i; break;                      /* reversed */
    case 3: ours[i] = 7; break;                          /* all equal */
    case 4: ours[i] = (int)((seed >> 16) % 4); break;    /* few distinct */
    case 5: ours[i] = i < n / 2 ? i : n - i; break;      /* organ pipe */
    default: ours[i] = i % 2 ? i : -i; break;            /* sawtooth */
    }
    theirs[i] = ours[i];
  }
  compares = 0;
  hk_qsort(ours, (size_t)n, sizeof(int), by_int);
  qsort(theirs, (size_t)n, sizeof(int), by_int_uncounted);
  CHECK(memcmp(ours, theirs, (size_t)n * sizeof(int)) == 0, "qsort %s n=%d sorts like glibc", name, n);
}

void test_qsort(void) {
  static const char *names[] = {"random", "sorted", "reversed", "equal", "few-distinct", "organ-pipe", "sawtooth"};
  static const int counts[] = {0, 1, 2, 3, 5, 12, 13, 14, 100, 1000, 5000};
  struct record recs[300], copy[300];
  unsigned char bytes[777];
  int kind, k, i, budget_ok = 1;
  int *found;
  int sorted[100], key;
  for (kind = 0; kind < 7; kind++)
    for (k = 0; k < 11; k++)
      sort_pattern(names[kind], counts[k], kind, (unsigned int)(kind * 100 + k));
  /* The introsort bound: at most a small multiple of n log n compares. */
  for (kind = 0; kind < 7; kind++) {
    sort_pattern(names[kind], 5000, kind, 77);
    if (compares > 3L * 5000 * ilog2(5000))
      budget_ok = 0;
  }
  CHECK(budget_ok, "qsort stays within 3 n log2 n compares on every pattern");
  for (i = 0; i < 300; i++) {
    recs[i].key = (i * 7919) % 301;
    snprintf(recs[i].name, sizeof(recs[i].name), "r%d", recs[i].key);
  }
  memcpy(copy, recs, sizeof(recs));
  hk_qsort(recs, 300, sizeof(struct record), by_key);
  qsort(copy, 300, sizeof(struct record), by_key);
  CHECK(memcmp(recs, copy, sizeof(recs)) == 0, "qsort of 12-byte records moves whole records");
  for (i = 0; i < 777; i++)
    bytes[i] = (unsigned char)(i * 37 + 11);
  hk_qsort(bytes, 777, 1, by_char);
  for (i = 1, k = 1; i < 777; i++)
    if (bytes[i - 1] > bytes[i])
      k = 0;
  CHECK(k, "qsort of single bytes");

  for (i = 0; i < 100; i++)
    sorted[i] = i * 3;
  k = 1;
  for (key = -1; key < 302; key++) {
    found = hk_bsearch(&key, sorted, 100, sizeof(int), by_int);
    if (key >= 0 && key % 3 == 0 && key < 300 ? found != &sorted[key / 3] : found != NULL)
      k = 0;
  }
  CHECK(k, "bsearch finds every present key and no absent one");
  key = 5;
  CHECK(hk_bsearch(&key, sorted, 0, sizeof(int), by_int) == NULL, "bsearch of an empty array");
}

/* fnmatch against glibc's: fixed cases find -name users write, then random
 * patterns over a small alphabet of wildcards and names, every flag mix. */
static void fnmatch_cases(void) {
  static const char *fixed[][2] = {
    {"*.c", "main.c"}, {"*.c", "main.h"}, {"*.c", ".c"}, {"?ain.c", "main.c"}, {"[mn]ain.*", "nain.x"},
    {"[!m]*", "main"}, {"[^m]*", "xain"}, {"[a-c]*", "b"}, {"[[:digit:]]*", "7up"}, {"[[:upper:]]", "a"},
    {"\\*", "*"}, {"\\*", "x"}, {"*", ".hidden"}, {"a*b*c", "aXbYc"}, {"a*b*c", "aXbY"}, {"*/*", "a/b"},
    {"[", "["}, {"[a", "[a"}, {"a[]]b", "a]b"}, {"a[!]]b", "a]b"}, {"*x*", "abc"}, {"", ""}, {"", "a"},
  };
  static const int flag_sets[] = {0, FNM_PATHNAME, FNM_PERIOD, FNM_PATHNAME | FNM_PERIOD, FNM_NOESCAPE, FNM_CASEFOLD};
  const char *palpha = "ab.*?[]!-/\\A";
  const char *salpha = "ab./-A*[";
  unsigned int seed = 12345;
  int i, f, bad = 0, n = 0;
  char pat[16], str[16];
  for (i = 0; i < (int)(sizeof fixed / sizeof fixed[0]); i++)
    for (f = 0; f < 6; f++) {
      int a = hk_fnmatch(fixed[i][0], fixed[i][1], flag_sets[f]) == 0;
      int b = fnmatch(fixed[i][0], fixed[i][1], flag_sets[f]) == 0;
      n++;
      if (a != b && bad++ < 10)
        CHECK(0, "fnmatch('%s', '%s', %d): ours %d, glibc %d", fixed[i][0], fixed[i][1], flag_sets[f], a, b);
    }
  for (i = 0; i < 40000; i++) {
    int pl, sl, k;
    seed = seed * 1103515245 + 12345;
    pl = (int)(seed >> 16) % 7;
    for (k = 0; k < pl; k++) {
      seed = seed * 1103515245 + 12345;
      pat[k] = palpha[(seed >> 16) % strlen(palpha)];
    }
    pat[pl] = 0;
    seed = seed * 1103515245 + 12345;
    sl = (int)(seed >> 16) % 6;
    for (k = 0; k < sl; k++) {
      seed = seed * 1103515245 + 12345;
      str[k] = salpha[(seed >> 16) % strlen(salpha)];
    }
    str[sl] = 0;
    for (f = 0; f < 6; f++) {
      int a;
      /* glibc's one quirk we do not copy: with FNM_PATHNAME, * then \/ never matches */
      if ((flag_sets[f] & FNM_PATHNAME) && strstr(pat, "*\\/"))
        continue;
      a = hk_fnmatch(pat, str, flag_sets[f]) == 0;
      int b = fnmatch(pat, str, flag_sets[f]) == 0;
      n++;
      if (a != b && bad++ < 10)
        CHECK(0, "fnmatch('%s', '%s', %d): ours %d, glibc %d", pat, str, flag_sets[f], a, b);
    }
  }
  CHECK(bad == 0 && n > 200000, "fnmatch agrees with glibc on %d cases (%d differ)", n, bad);
}

void test_misc(void) {
  char *env[] = {"PATH=/bin:/usr/bin", "HOME=/root", "EMPTY=", "PATHX=no", NULL};
  int i, first[3], again[3], in_range = 1;
  fnmatch_cases();
  hk_srand(1);
  for (i = 0; i < 3; i++)
    first[i] = hk_rand();
  CHECK(first[0] == 16838 && first[1] == 5758 && first[2] == 10113,
        "rand after srand(1) follows the C standard's example: %d %d %d", first[0], first[1], first[2]);
  hk_srand(1);
  for (i = 0; i < 3; i++)
    again[i] = hk_rand();
  CHECK(memcmp(first, again, sizeof(first)) == 0, "srand restarts the sequence");
  for (i = 0; i < 10000; i++) {
    int r = hk_rand();
    if (r < 0 || r > 32767)
      in_range = 0;
  }
  CHECK(in_range, "rand stays within 0..RAND_MAX");

  hk_environ = env;
  CHECK(hk_getenv("PATH") && strcmp(hk_getenv("PATH"), "/bin:/usr/bin") == 0, "getenv finds PATH");
  CHECK(hk_getenv("HOME") && strcmp(hk_getenv("HOME"), "/root") == 0, "getenv finds HOME");
  CHECK(hk_getenv("EMPTY") && hk_getenv("EMPTY")[0] == 0, "getenv of an empty value");
  CHECK(hk_getenv("PAT") == NULL, "getenv needs the whole name");
  CHECK(hk_getenv("NOPE") == NULL && hk_getenv("") == NULL && hk_getenv("PATH=") == NULL, "getenv misses");

  CHECK(hk_abs(-5) == 5 && hk_abs(5) == 5 && hk_abs(0) == 0, "abs");
  CHECK(hk_labs(-70000L) == 70000L && hk_labs(LONG_MAX) == LONG_MAX, "labs");
  CHECK(hk_abs(INT_MIN) == INT_MIN, "abs(INT_MIN) wraps instead of trapping");
}
