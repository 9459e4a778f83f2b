/* t_printf.c: the printf family against glibc's snprintf as the oracle.
 *
 * Every combination of flags, widths, precisions, length modifiers and
 * integer conversions over a set of edge values, then %c %s %p %% and
 * `*`, then snprintf's truncation contract and sprintf/vsnprintf. */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "hk.h"

static char ours[512], theirs[512];

/* Formats one value both ways; the value kind follows the length. */
static void compare_int(const char *fmt, int is_long, long v) {
  int a, b;
  if (is_long) {
    a = hk_snprintf(ours, sizeof(ours), fmt, v);
    b = snprintf(theirs, sizeof(theirs), fmt, v);
  } else {
    a = hk_snprintf(ours, sizeof(ours), fmt, (int)v);
    b = snprintf(theirs, sizeof(theirs), fmt, (int)v);
  }
  CHECK(a == b && strcmp(ours, theirs) == 0, "format \"%s\" value %ld: ours \"%s\" (%d), glibc \"%s\" (%d)", fmt, v,
        ours, a, theirs, b);
}

static void integer_matrix(void) {
  static const char *flag_chars = "-+ 0#";
  static const char *widths[] = {"", "1", "6", "13", "25"};
  static const char *precisions[] = {"", ".", ".0", ".1", ".4", ".12"};
  static const char *lengths[] = {"", "l", "h", "hh"};
  static const char convs[] = "diuoxX";
  static const long values[] = {0, 1, -1, 7, 8, 9, 10, 15, 16, 42, -42, 255, 256, 4095, -32768, 32767, 65535, 65536,
                                123456789, -123456789, INT_MAX, INT_MIN, (long)UINT_MAX, LONG_MAX, LONG_MIN};
  char fmt[64];
  int mask, w, p, l, c, k;
  size_t v;
  for (mask = 0; mask < 32; mask++)
    for (w = 0; w < 5; w++)
      for (p = 0; p < 6; p++)
        for (l = 0; l < 4; l++)
          for (c = 0; c < 6; c++) {
            char *f = fmt;
            *f++ = '<';
            *f++ = '%';
            for (k = 0; k < 5; k++)
              if (mask & (1 << k))
                *f++ = flag_chars[k];
            f += sprintf(f, "%s%s%s%c>", widths[w], precisions[p], lengths[l], convs[c]);
            for (v = 0; v < sizeof(values) / sizeof(values[0]); v++)
              compare_int(fmt, l == 1, values[v]);
          }
}

static void compare_str(const char *fmt, const char *s) {
  int a = hk_snprintf(ours, sizeof(ours), fmt, s);
  int b = snprintf(theirs, sizeof(theirs), fmt, s);
  CHECK(a == b && strcmp(ours, theirs) == 0, "format \"%s\" string \"%s\": ours \"%s\", glibc \"%s\"", fmt,
        s ? s : "NULL", ours, theirs);
}

static void strings_and_chars(void) {
  static const char *fmts[] = {"%s", "[%10s]", "[%-10s]", "[%.3s]", "[%10.3s]", "[%-10.3s]", "[%.0s]", "[%1s]", "[%.20s]"};
  static const char *texts[] = {"", "a", "hello", "hello, world of hako"};
  static const char *cfmts[] = {"%c", "[%5c]", "[%-5c]", "[%1c]"};
  static const int chars[] = {'a', 'Z', ' ', '~', '0'};
  size_t i, j;
  int a, b;
  for (i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++)
    for (j = 0; j < sizeof(texts) / sizeof(texts[0]); j++)
      compare_str(fmts[i], texts[j]);
  /* glibc prints "(null)" for a NULL %s, or nothing when precision < 6. */
  compare_str("[%s]", NULL);
  compare_str("[%10s]", NULL);
  compare_str("[%.3s]", NULL);
  for (i = 0; i < sizeof(cfmts) / sizeof(cfmts[0]); i++)
    for (j = 0; j < sizeof(chars) / sizeof(chars[0]); j++) {
      a = hk_snprintf(ours, sizeof(ours), cfmts[i], chars[j]);
      b = snprintf(theirs, sizeof(theirs), cfmts[i], chars[j]);
      CHECK(a == b && strcmp(ours, theirs) == 0, "format \"%s\" char %d: ours \"%s\", glibc \"%s\"", cfmts[i], chars[j],
            ours, theirs);
    }
  /* %c of a NUL byte produces one byte. */
  a = hk_snprintf(ours, sizeof(ours), "x%cy", 0);
  CHECK(a == 3 && ours[0] == 'x' && ours[1] == 0 && ours[2] == 'y', "%%c with NUL: %d", a);
}

static void pointers_and_percent(void) {
  int local;
  static const char *fmts[] = {"%p", "[%20p]", "[%-20p]"};
  void *ptrs[3];
  size_t i, j;
  int a, b;
  ptrs[0] = &local;
  ptrs[1] = (void *)0x1234;
  ptrs[2] = NULL;
  for (i = 0; i < 3; i++)
    for (j = 0; j < 3; j++) {
      a = hk_snprintf(ours, sizeof(ours), fmts[i], ptrs[j]);
      b = snprintf(theirs, sizeof(theirs), fmts[i], ptrs[j]);
      CHECK(a == b && strcmp(ours, theirs) == 0, "format \"%s\" pointer: ours \"%s\", glibc \"%s\"", fmts[i], ours,
            theirs);
    }
  a = hk_snprintf(ours, sizeof(ours), "100%% sure, %d%%", 5);
  CHECK(a == 13 && strcmp(ours, "100% sure, 5%") == 0, "%%%%: \"%s\" %d", ours, a);
  a = hk_snprintf(ours, sizeof(ours), "a%%b%%%%c");
  CHECK(strcmp(ours, "a%b%%c") == 0 && a == 6, "%%%% runs: \"%s\"", ours);
}

static void star_width_and_precision(void) {
  static const int stars[] = {-12, -3, -1, 0, 1, 5, 20};
  size_t i, j;
  int a, b;
  for (i = 0; i < 7; i++) {
    a = hk_snprintf(ours, sizeof(ours), "[%*d]", stars[i], 42);
    b = snprintf(theirs, sizeof(theirs), "[%*d]", stars[i], 42);
    CHECK(a == b && strcmp(ours, theirs) == 0, "[%%*d] width %d: ours \"%s\", glibc \"%s\"", stars[i], ours, theirs);
    a = hk_snprintf(ours, sizeof(ours), "[%.*s]", stars[i], "abcdefghij");
    b = snprintf(theirs, sizeof(theirs), "[%.*s]", stars[i], "abcdefghij");
    CHECK(a == b && strcmp(ours, theirs) == 0, "[%%.*s] precision %d: ours \"%s\", glibc \"%s\"", stars[i], ours,
          theirs);
    for (j = 0; j < 7; j++) {
      a = hk_snprintf(ours, sizeof(ours), "[%0*.*x]", stars[i], stars[j], 0xbeef);
      b = snprintf(theirs, sizeof(theirs), "[%0*.*x]", stars[i], stars[j], 0xbeef);
      CHECK(a == b && strcmp(ours, theirs) == 0, "[%%0*.*x] %d %d: ours \"%s\", glibc \"%s\"", stars[i], stars[j],
            ours, theirs);
    }
  }
}

static int call_vsnprintf(char *buf, size_t size, const char *fmt, ...) {
  va_list ap;
  int n;
  va_start(ap, fmt);
  n = hk_vsnprintf(buf, size, fmt, ap);
  va_end(ap);
  return n;
}

static void truncation(void) {
  size_t size;
  int a, b;
  char guard_ours[16], guard_theirs[16];
  const char *fmt = "%s-%d-%x";
  for (size = 0; size < 14; size++) {
    memset(guard_ours, '#', sizeof(guard_ours));
    memset(guard_theirs, '#', sizeof(guard_theirs));
    a = hk_snprintf(guard_ours, size, fmt, "hako", 1234, 0xabc);
    b = snprintf(guard_theirs, size, fmt, "hako", 1234, 0xabc);
    CHECK(a == b && memcmp(guard_ours, guard_theirs, sizeof(guard_ours)) == 0,
          "snprintf size %zu: ours returned %d, glibc %d, or the buffers differ", size, a, b);
  }
  a = hk_snprintf(NULL, 0, "%d apples", 12345);
  CHECK(a == 12, "snprintf(NULL, 0) counts: %d", a);
  a = call_vsnprintf(ours, 6, "%s and %s", "this", "that");
  CHECK(a == 13 && strcmp(ours, "this ") == 0, "vsnprintf truncation: %d \"%s\"", a, ours);
  a = hk_sprintf(ours, "%05d|%-4s|%c", -42, "ab", 'z');
  CHECK(a == 12 && strcmp(ours, "-0042|ab  |z") == 0, "sprintf: %d \"%s\"", a, ours);
  /* A long output goes through whole, far beyond any internal chunk. */
  a = hk_snprintf(ours, sizeof(ours), "%300d|", 7);
  CHECK(a == 301 && ours[298] == ' ' && ours[299] == '7' && ours[300] == '|', "wide field: %d", a);
}

static void unknown_conversions(void) {
  int a = hk_snprintf(ours, sizeof(ours), "a%yb");
  CHECK(a == 4 && strcmp(ours, "a%yb") == 0, "unknown conversion kept as written: \"%s\"", ours);
  a = hk_snprintf(ours, sizeof(ours), "end%");
  CHECK(a == 4 && strcmp(ours, "end%") == 0, "lone %% at the end: \"%s\" %d", ours, a);
}

/* Random formats with several conversions each, random literal text and
 * buffer sizes, against glibc. Every argument travels as a long, which on
 * x86-64 fills one 8-byte variadic slot whatever the conversion reads
 * (int conversions read its low half, %s and %p the whole pointer), so both
 * printfs see the same bits. Combinations C leaves undefined (such as # on
 * %d or a precision on %c) are not generated. */
static unsigned int fuzz_state = 4242;
static unsigned int fuzz(unsigned int n) {
  fuzz_state = fuzz_state * 1103515245u + 12345u;
  return (fuzz_state >> 8) % n;
}

static void random_formats(void) {
  static const char *pool[] = {"", "x", "hako", "a longer string, with spaces", "%d not a conversion"};
  static const long numbers[] = {0, 1, -1, 42, -42, 255, 65535, 65536, 2147483647L, -2147483647L - 1,
                                 4294967295L, 123456789012L, -987654321098L};
  char fmt[160], a[400], b[400];
  long args[12];
  int iter, bad = 0, nargs, k, conv_count, ra, rb;
  size_t size;
  for (iter = 0; iter < 60000; iter++) {
    char *f = fmt;
    nargs = 0;
    conv_count = 1 + (int)fuzz(4);
    for (k = 0; k < conv_count; k++) {
      static const char convs[] = "diuoxXcsp";
      char conv = convs[fuzz(9)];
      int integer = conv != 'c' && conv != 's' && conv != 'p';
      if (fuzz(3) == 0)
        f += sprintf(f, "%s", fuzz(2) ? "ab" : "%%");
      *f++ = '%';
      if (fuzz(3) == 0)
        *f++ = '-';
      if (fuzz(4) == 0 && (conv == 'd' || conv == 'i'))
        *f++ = fuzz(2) ? '+' : ' ';
      if (fuzz(4) == 0 && integer)
        *f++ = '0';
      if (fuzz(4) == 0 && (conv == 'o' || conv == 'x' || conv == 'X'))
        *f++ = '#';
      switch (fuzz(4)) {
      case 0:
        *f++ = '*';
        args[nargs++] = (long)fuzz(41) - 20;
        break;
      case 1:
        f += sprintf(f, "%u", fuzz(30));
        break;
      default:
        break;
      }
      if ((integer || conv == 's') && fuzz(3) == 0) {
        *f++ = '.';
        switch (fuzz(3)) {
        case 0:
          *f++ = '*';
          args[nargs++] = (long)fuzz(41) - 20;
          break;
        case 1:
          f += sprintf(f, "%u", fuzz(25));
          break;
        default:
          break;
        }
      }
      if (integer)
        f += sprintf(f, "%s", fuzz(3) ? "" : fuzz(3) == 0 ? "l" : fuzz(2) ? "h" : "hh");
      *f++ = conv;
      if (conv == 's')
        args[nargs++] = (long)pool[fuzz(5)];
      else if (conv == 'c')
        args[nargs++] = 32 + (long)fuzz(95);
      else if (conv == 'p')
        args[nargs++] = fuzz(4) ? (long)pool[fuzz(5)] : 0;
      else
        args[nargs++] = fuzz(2) ? numbers[fuzz(13)] : (long)fuzz(100000) - 50000;
    }
    *f = 0;
    size = fuzz(4) == 0 ? fuzz(40) : sizeof(a);
    memset(a, '#', sizeof(a));
    memset(b, '#', sizeof(b));
    ra = hk_snprintf(a, size, fmt, args[0], args[1], args[2], args[3], args[4], args[5], args[6], args[7], args[8],
                     args[9], args[10], args[11]);
    rb = snprintf(b, size, fmt, args[0], args[1], args[2], args[3], args[4], args[5], args[6], args[7], args[8],
                  args[9], args[10], args[11]);
    if (ra != rb || memcmp(a, b, sizeof(a)) != 0) {
      if (bad++ < 5)
        printf("  format \"%s\" size %zu: ours \"%s\" (%d), glibc \"%s\" (%d)\n", fmt, size, a, ra, b, rb);
    }
  }
  CHECK(bad == 0, "60000 random multi-conversion formats agree with glibc: %d differ", bad);
}

void test_printf(void) {
  integer_matrix();
  strings_and_chars();
  pointers_and_percent();
  star_width_and_precision();
  truncation();
  unknown_conversions();
  random_formats();
}
