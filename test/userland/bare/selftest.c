/* selftest.c: libc checks that only make sense on Hako itself, run on the
 * bare machine: 32-bit integer limits in strtol/strtoul and printf, the
 * allocator under a random workload with its invariant checker, qsort, and
 * the heap window the bare system layer gives. Prints one line per failed
 * check and "selftest: N checks, M failures"; exits with M (0 = pass). */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int __malloc_check(size_t *free_blocks, size_t *free_bytes);

static int checks, failures;

static void check(int ok, const char *what) {
  checks++;
  if (!ok) {
    failures++;
    printf("FAIL %s\n", what);
  }
}

static void strtol_32(void) {
  char *end;
  errno = 0;
  check(strtol("2147483647", &end, 10) == 2147483647 && errno == 0 && *end == 0, "strtol INT_MAX");
  check(strtol("2147483648", &end, 10) == LONG_MAX && errno == ERANGE && *end == 0, "strtol overflow clamps to LONG_MAX");
  errno = 0;
  check(strtol("-2147483648", &end, 10) == LONG_MIN && errno == 0, "strtol LONG_MIN exactly");
  check(strtol("-2147483649", &end, 10) == LONG_MIN && errno == ERANGE, "strtol underflow clamps to LONG_MIN");
  errno = 0;
  check(strtoul("4294967295", &end, 10) == 4294967295UL && errno == 0, "strtoul ULONG_MAX");
  check(strtoul("4294967296", &end, 10) == ULONG_MAX && errno == ERANGE, "strtoul overflow");
  errno = 0;
  check(strtoul("-1", &end, 10) == ULONG_MAX && errno == 0, "strtoul of -1 wraps");
  check(strtol("0x7fffffff", &end, 0) == 0x7fffffff && strtol("-0x80000000", &end, 16) == LONG_MIN, "strtol hex edges");
  check(sizeof(long) == 4 && LONG_MAX == 2147483647L, "long is 32 bits");
}

static void printf_32(void) {
  char buf[64];
  sprintf(buf, "%ld %lu %lx %d", LONG_MIN, ULONG_MAX, (unsigned long)LONG_MIN, INT_MIN);
  check(strcmp(buf, "-2147483648 4294967295 80000000 -2147483648") == 0, "printf of 32-bit limits");
  sprintf(buf, "%p", (void *)0x100000);
  check(strcmp(buf, "0x100000") == 0, "printf %p");
}

static unsigned int seed = 7;
static unsigned int next(void) {
  seed = seed * 1103515245u + 12345u;
  return seed >> 8;
}

static void allocator(void) {
  static unsigned char *blocks[200];
  static unsigned int sizes[200];
  int op, i, bad = 0;
  unsigned int k;
  size_t free_blocks;
  for (op = 0; op < 3000; op++) {
    i = (int)(next() % 200);
    if (blocks[i]) {
      for (k = 0; k < sizes[i]; k++)
        if (blocks[i][k] != (unsigned char)(i + k))
          bad++;
      free(blocks[i]);
      blocks[i] = NULL;
    }
    if (next() % 3) {
      sizes[i] = next() % (next() % 8 == 0 ? 4000 : 200);
      blocks[i] = malloc(sizes[i]);
      if (!blocks[i] || ((unsigned long)blocks[i] & 7) != 0)
        bad++;
      else
        for (k = 0; k < sizes[i]; k++)
          blocks[i][k] = (unsigned char)(i + k);
    }
    if (op % 300 == 0 && __malloc_check(NULL, NULL) != 0)
      bad++;
  }
  check(bad == 0, "malloc stress: contents, alignment, invariants");
  for (i = 0; i < 200; i++)
    free(blocks[i]);
  check(__malloc_check(&free_blocks, NULL) == 0 && free_blocks == 1, "everything freed coalesces into one block");
}

static void heap_window(void) {
  /* The bare heap ends 1 MiB below the top of RAM (32 MiB in the test):
   * 40 MiB cannot be had, and failing leaves the heap usable. */
  char *big;
  errno = 0;
  big = malloc(40 * 1024 * 1024);
  check(big == NULL && errno == ENOMEM, "malloc past the end of RAM fails with ENOMEM");
  big = malloc(4 * 1024 * 1024);
  check(big != NULL, "4 MiB can be had");
  if (big) {
    memset(big, 0x5a, 4 * 1024 * 1024);
    check(big[0] == 0x5a && big[4 * 1024 * 1024 - 1] == 0x5a, "and used");
    free(big);
  }
}

static int cmp_int(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}

static void sorting(void) {
  static int a[3000];
  int i, sorted = 1;
  for (i = 0; i < 3000; i++)
    a[i] = (int)(next() % 1000) - 500;
  qsort(a, 3000, sizeof(int), cmp_int);
  for (i = 1; i < 3000; i++)
    if (a[i - 1] > a[i])
      sorted = 0;
  check(sorted, "qsort of 3000 ints");
}

/* Sums `count` ints, then formats the rest with a copy of the list. */
static int sum_then_format(char *out, int count, ...) {
  va_list ap, again;
  int total = 0, i;
  va_start(ap, count);
  va_copy(again, ap);
  for (i = 0; i < count; i++)
    total += va_arg(ap, int);
  va_end(ap);
  vsprintf(out, "%d %d %c %d", again);
  va_end(again);
  return total;
}

struct layout {
  char c;
  int i;
  short s;
  char name[5];
  long l;
};

static void stdarg_and_offsetof(void) {
  char out[64];
  char c = 'q';
  short sh = -7;
  int total = sum_then_format(out, 4, 10, 20, (int)c, (int)sh);
  check(total == 10 + 20 + 'q' - 7, "va_arg over promoted char and short");
  check(strcmp(out, "10 20 q -7") == 0, "va_copy restarts the list for vsprintf");
  check(offsetof(struct layout, c) == 0 && offsetof(struct layout, i) == 4 && offsetof(struct layout, s) == 8 &&
            offsetof(struct layout, name) == 10 && offsetof(struct layout, l) == 16 && sizeof(struct layout) == 20,
        "offsetof follows the ABI's struct layout");
}

int main(void) {
  strtol_32();
  printf_32();
  stdarg_and_offsetof();
  allocator();
  heap_window();
  sorting();
  printf("selftest: %d checks, %d failures\n", checks, failures);
  return failures;
}
