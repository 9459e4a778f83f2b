/* t_malloc.c: the allocator under stress, with every byte checked.
 *
 * A random mix of malloc/calloc/realloc/free over up to 600 live blocks;
 * each block is filled with a pattern derived from its id, verified before
 * it is resized or freed and by a sweep every so often, and the heap's own
 * invariant checker (__malloc_check) runs throughout. Then the specific
 * contracts: alignment, coalescing back to one free block, in-place growth,
 * calloc zeroing and overflow, ENOMEM with the heap still sound, and a
 * foreign sbrk between two of ours (a second segment). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "hk.h"

#define LIVE 600

static unsigned char *blocks[LIVE];
static size_t sizes[LIVE];
static unsigned int tags[LIVE];
static unsigned int rng = 99;

static unsigned int next_random(void) {
  rng = rng * 1103515245u + 12345u;
  return rng >> 8;
}

static void fill(int i) {
  size_t k;
  for (k = 0; k < sizes[i]; k++)
    blocks[i][k] = (unsigned char)(tags[i] * 31 + k * 7);
}

static int intact(int i) {
  size_t k;
  for (k = 0; k < sizes[i]; k++)
    if (blocks[i][k] != (unsigned char)(tags[i] * 31 + k * 7))
      return 0;
  return 1;
}

static size_t random_size(void) {
  unsigned int r = next_random() % 100;
  if (r < 60)
    return next_random() % 64;
  if (r < 90)
    return next_random() % 1024;
  if (r < 98)
    return next_random() % 16384;
  return next_random() % 200000;
}

static void stress(void) {
  int op, i, j, bad = 0, check_fail = 0;
  unsigned int tag = 1;
  size_t n, k, free_blocks, free_bytes;
  unsigned char *p;
  for (op = 0; op < 60000; op++) {
    i = (int)(next_random() % LIVE);
    if (blocks[i] && !intact(i))
      bad++;
    switch (next_random() % 4) {
    case 0: /* malloc */
    case 1:
      if (blocks[i])
        hk_free(blocks[i]);
      sizes[i] = random_size();
      blocks[i] = hk_malloc(sizes[i]);
      tags[i] = tag++;
      if (blocks[i])
        fill(i);
      break;
    case 2: /* realloc: the old contents survive up to the smaller size */
      n = random_size();
      p = hk_realloc(blocks[i], n);
      if (p == NULL && n != 0) {
        bad++;
        break;
      }
      if (p && blocks[i]) {
        for (k = 0; k < (n < sizes[i] ? n : sizes[i]); k++)
          if (p[k] != (unsigned char)(tags[i] * 31 + k * 7))
            break;
        if (k != (n < sizes[i] ? n : sizes[i]))
          bad++;
      }
      blocks[i] = p;
      sizes[i] = p ? n : 0;
      tags[i] = tag++;
      if (p)
        fill(i);
      break;
    case 3:
      hk_free(blocks[i]);
      blocks[i] = NULL;
      sizes[i] = 0;
      break;
    }
    if (blocks[i] && ((uintptr_t)blocks[i] % 16) != 0)
      bad++;
    if (op % 2000 == 0) {
      for (j = 0; j < LIVE; j++)
        if (blocks[j] && !intact(j))
          bad++;
      if (hk___malloc_check(NULL, NULL) != 0)
        check_fail++;
    }
  }
  CHECK(bad == 0, "stress: %d corrupted, misaligned or failed blocks", bad);
  CHECK(check_fail == 0, "stress: heap invariants broken %d times", check_fail);
  for (j = 0; j < LIVE; j++) {
    hk_free(blocks[j]);
    blocks[j] = NULL;
  }
  CHECK(hk___malloc_check(&free_blocks, &free_bytes) == 0, "heap sound after freeing everything");
  CHECK(free_blocks == 1, "freeing everything coalesces into one block, got %zu", free_blocks);
  CHECK(free_bytes > 200000, "the whole heap is free again: %zu bytes", free_bytes);
}

static void contracts(void) {
  char *a, *b, *c, *grown;
  unsigned char *z;
  size_t i, free_blocks;
  int zero = 1;

  a = hk_malloc(0);
  b = hk_malloc(0);
  CHECK(a && b && a != b, "malloc(0) gives distinct usable pointers");
  hk_free(a);
  hk_free(b);
  hk_free(NULL);

  /* Growth into a freed neighbour keeps the address. */
  a = hk_malloc(100);
  b = hk_malloc(100);
  c = hk_malloc(100);
  memset(a, 'x', 100);
  hk_free(b);
  grown = hk_realloc(a, 180);
  CHECK(grown == a, "realloc grows in place into the free neighbour");
  CHECK(grown && grown[0] == 'x' && grown[99] == 'x', "realloc keeps the contents");
  /* Shrinking keeps the address too. */
  CHECK(hk_realloc(grown, 10) == grown, "realloc shrinks in place");
  b = hk_realloc(NULL, 40);
  CHECK(b != NULL, "realloc(NULL, n) allocates");
  hk_free(b);
  hk_errno = 0;
  CHECK(hk_realloc(c, 0) == NULL, "realloc(p, 0) frees and returns NULL");
  hk_free(grown);
  CHECK(hk___malloc_check(NULL, NULL) == 0, "heap sound after realloc cases");

  /* calloc zeroes even recycled memory. */
  a = hk_malloc(5000);
  memset(a, 0xAA, 5000);
  hk_free(a);
  z = hk_calloc(50, 100);
  for (i = 0; i < 5000; i++)
    if (z[i] != 0)
      zero = 0;
  CHECK(z && zero, "calloc returns zeroed memory");
  hk_free(z);
  hk_errno = 0;
  CHECK(hk_calloc((size_t)-1 / 8, 16) == NULL && hk_errno == ENOMEM, "calloc size overflow gives NULL and ENOMEM");
  hk_errno = 0;
  CHECK(hk_malloc((size_t)-1) == NULL && hk_errno == ENOMEM, "a huge malloc gives NULL and ENOMEM");

  /* A foreign sbrk between two of ours: the heap continues in a new
   * segment and everything stays consistent. */
  shim.sbrk_gap = 4096 + 5;
  a = hk_malloc(3 << 20);
  b = hk_malloc(100);
  CHECK(a && b, "allocation after a foreign sbrk");
  memset(a, 1, 3 << 20);
  CHECK(hk___malloc_check(NULL, NULL) == 0, "heap sound across two segments");
  hk_free(a);
  hk_free(b);
  CHECK(hk___malloc_check(&free_blocks, NULL) == 0 && free_blocks == 2, "one free block per segment, got %zu",
        free_blocks);

  /* Out of memory: NULL and ENOMEM, and the heap still works. */
  shim.sbrk_limit = 16 << 20;
  hk_errno = 0;
  a = hk_malloc(40 << 20);
  CHECK(a == NULL && hk_errno == ENOMEM, "malloc beyond sbrk's limit gives NULL and ENOMEM");
  b = hk_malloc(1000);
  CHECK(b != NULL && hk___malloc_check(NULL, NULL) == 0, "the heap still works after ENOMEM");
  c = hk_malloc(100);
  memset(c, 'k', 100);
  CHECK(hk_realloc(c, 40 << 20) == NULL, "failed realloc returns NULL");
  CHECK(c[0] == 'k' && c[99] == 'k', "failed realloc leaves the block as it was");
  hk_free(c);
  hk_free(b);
  shim.sbrk_limit = 0;
  CHECK(hk___malloc_check(NULL, NULL) == 0, "heap sound at the end");
}

/* A cheap word of reassurance: freed memory gets reused, so a loop of
 * malloc/free does not grow the heap. */
static void reuse(void) {
  int i, calls;
  void *p;
  p = hk_malloc(300);
  hk_free(p);
  calls = shim.sbrk_calls;
  for (i = 0; i < 10000; i++) {
    p = hk_malloc(300 + (size_t)(i % 50));
    hk_free(p);
  }
  CHECK(shim.sbrk_calls == calls, "malloc/free loop did not call sbrk (%d calls)", shim.sbrk_calls - calls);
}

/* stress first: it expects a heap of a single segment, which contracts()
 * then splits in two on purpose. */
void test_malloc(void) {
  stress();
  reuse();
  contracts();
}
