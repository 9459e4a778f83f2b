/* malloc.c: the heap allocator (malloc, free, realloc, calloc) over sbrk.
 *
 * Boundary tags with segregated free lists:
 * - The heap is one or more segments of memory got from __sys_sbrk. A
 *   segment is a run of blocks ending in an epilogue: a header of size 0
 *   marked in use, so walks and coalescing stop there.
 * - A block is a header word (its total size, a multiple of ALIGN, with two
 *   flag bits: INUSE, and PREV_INUSE telling whether the block before it is
 *   in use), then the payload. The payload is ALIGN-aligned, so every block
 *   starts at an address that is SZ past a multiple of ALIGN.
 * - A free block also keeps free-list links in its payload and a copy of
 *   its size in its last word (the footer), so the block after it can find
 *   its start. In-use blocks have no footer: the overhead is one word.
 * - Invariants: no two free blocks are adjacent (free coalesces at once);
 *   every block's PREV_INUSE equals the INUSE of the block before it (the
 *   first block of a segment has it set); each free block is on exactly
 *   the list of bin_of(its size), the bin of sizes [2^i, 2^(i+1)).
 * - malloc takes the first fitting block of its bin or any block of a
 *   higher bin, splits off the rest when that can form a block, and grows
 *   the heap with sbrk when nothing fits. When sbrk continues the last
 *   segment, the new memory joins it (and its last free block).
 * __malloc_check (malloc_debug.h) verifies all of this for the tests.
 * Threads: the heap is one arena guarded by one lock, heap_lock (lock.h:
 * taken only once the process has a second thread); the static functions
 * below run with it held. */
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <errno.h>
#include <stdio.h>
#include "sys.h"
#include "malloc_debug.h"
#include "lock.h"

#define SZ sizeof(size_t)
#define ALIGN (2 * SZ)
#define MIN_BLOCK (4 * SZ) /* header, two links, footer */
#define INUSE 1
#define PREV_INUSE 2
#define FLAG_BITS 3
#define NBINS (8 * sizeof(size_t))
/* Heap growth granularity: fewer, larger sbrk calls. */
#define GROW_UNIT 16384
/* Larger requests fail at once, which keeps size arithmetic from wrapping. */
#define MAX_REQUEST (SIZE_MAX / 4)
#define MAX_SEGMENTS 32

struct block {
  size_t head;         /* size | INUSE | PREV_INUSE */
  struct block *next;  /* free-list links: valid only while free */
  struct block *prev;
};

static struct block *bins[NBINS];
static char *brk_end;            /* the break after our last sbrk */
static struct block *epilogue;   /* the last segment's epilogue header */
/* Segment starts, so __malloc_check can walk every block. */
static struct block *segments[MAX_SEGMENTS];
static int nsegments;
static int heap_lock;

/* Block arithmetic. Macros rather than functions: they run on every
 * allocation, and our compiler does not inline. */
#define SIZE_OF(b) ((b)->head & ~(size_t)FLAG_BITS)
#define AFTER(b) ((struct block *)((char *)(b) + SIZE_OF(b)))
#define FOOTER(b) (*(size_t *)((char *)(b) + SIZE_OF(b) - SZ))
/* The block before b, found through its footer: only when b's PREV_INUSE is clear. */
#define BEFORE(b) ((struct block *)((char *)(b) - *(size_t *)((char *)(b) - SZ)))

/* floor(log2(size)) by halving the range, in a few steps for any size. */
static int bin_of(size_t size) {
  int i = 0;
  while (size >= 65536) {
    size >>= 16;
    i += 16;
  }
  if (size >= 256) {
    size >>= 8;
    i += 8;
  }
  if (size >= 16) {
    size >>= 4;
    i += 4;
  }
  if (size >= 4) {
    size >>= 2;
    i += 2;
  }
  if (size >= 2)
    i++;
  return i;
}

static void bin_insert(struct block *b) {
  int i = bin_of(SIZE_OF(b));
  b->prev = NULL;
  b->next = bins[i];
  if (bins[i])
    bins[i]->prev = b;
  bins[i] = b;
}

static void bin_remove(struct block *b) {
  if (b->prev)
    b->prev->next = b->next;
  else
    bins[bin_of(SIZE_OF(b))] = b->next;
  if (b->next)
    b->next->prev = b->prev;
}

static struct block *find_fit(size_t size) {
  int i;
  struct block *b;
  for (i = bin_of(size); i < (int)NBINS; i++)
    for (b = bins[i]; b; b = b->next)
      if (SIZE_OF(b) >= size)
        return b;
  return NULL;
}

/* Makes the in-use block b free, merging it with free neighbours. */
static void release(struct block *b) {
  size_t size = SIZE_OF(b);
  struct block *next = AFTER(b);
  /* Cleared first so that freeing this address again is caught even when
   * the block is merged into the one before it. */
  b->head &= ~(size_t)INUSE;
  if (!(next->head & INUSE)) {
    bin_remove(next);
    size += SIZE_OF(next);
  }
  if (!(b->head & PREV_INUSE)) {
    b = BEFORE(b);
    bin_remove(b);
    size += SIZE_OF(b);
  }
  /* Whatever precedes the merged block is in use: free blocks never touch. */
  b->head = size | PREV_INUSE;
  FOOTER(b) = SIZE_OF(b);
  AFTER(b)->head &= ~(size_t)PREV_INUSE;
  bin_insert(b);
}

/* Shrinks the in-use block b to `size` when the excess can form a block of
 * its own, and frees that excess. */
static void trim(struct block *b, size_t size) {
  size_t excess = SIZE_OF(b) - size;
  struct block *rest;
  if (excess < MIN_BLOCK)
    return;
  b->head = size | (b->head & FLAG_BITS);
  rest = AFTER(b);
  rest->head = excess | INUSE | PREV_INUSE;
  release(rest);
}

static char *align_down(char *p) { return (char *)((uintptr_t)p & ~(uintptr_t)(ALIGN - 1)); }

/* Gets a free block of at least `size` bytes from sbrk. Aligning both ends
 * of a new segment can cost up to 2 * ALIGN + SZ bytes, hence the margin. */
static int grow(size_t size) {
  size_t incr = (size + 3 * ALIGN + GROW_UNIT - 1) / GROW_UNIT * GROW_UNIT;
  char *p = (char *)__sys_sbrk((long)incr);
  char *end;
  struct block *b;
  if (p == (char *)-1)
    return 0;
  end = align_down(p + incr) - SZ; /* where the new epilogue goes */
  if (epilogue && p == brk_end) {
    /* The break continued our last segment: the old epilogue becomes the
     * header of the new space. */
    b = epilogue;
    b->head = (size_t)(end - (char *)b) | (b->head & PREV_INUSE) | INUSE;
  } else {
    /* A new segment: start it at the first block-aligned address. */
    b = (struct block *)(align_down(p + SZ + ALIGN - 1) - SZ);
    b->head = (size_t)(end - (char *)b) | PREV_INUSE | INUSE;
    if (nsegments < MAX_SEGMENTS)
      segments[nsegments++] = b;
  }
  epilogue = (struct block *)end;
  epilogue->head = INUSE | PREV_INUSE;
  brk_end = p + incr;
  release(b);
  return 1;
}

/* The block size that serves a request of n bytes. */
static size_t block_size(size_t n) {
  size_t size = (n + SZ + ALIGN - 1) & ~(size_t)(ALIGN - 1);
  return size < MIN_BLOCK ? MIN_BLOCK : size;
}

static void *alloc(size_t n) {
  size_t size;
  struct block *b;
  if (n > MAX_REQUEST) {
    errno = ENOMEM;
    return NULL;
  }
  size = block_size(n);
  b = find_fit(size);
  if (!b) {
    if (!grow(size)) {
      errno = ENOMEM;
      return NULL;
    }
    b = find_fit(size);
  }
  bin_remove(b);
  b->head |= INUSE;
  AFTER(b)->head |= PREV_INUSE;
  trim(b, size);
  return (char *)b + SZ;
}

void *malloc(size_t n) {
  void *p;
  LIBC_LOCK(&heap_lock);
  p = alloc(n);
  LIBC_UNLOCK(&heap_lock);
  return p;
}

/* The header of a payload handed out by malloc; stops the program with a
 * message when p cannot be one (a double free or a stray pointer). */
static struct block *block_of(void *p, const char *who) {
  struct block *b = (struct block *)((char *)p - SZ);
  if (((uintptr_t)p & (ALIGN - 1)) != 0 || !(b->head & INUSE) || SIZE_OF(b) < MIN_BLOCK) {
    fprintf(stderr, "%s(): invalid pointer %p\n", who, p);
    abort();
  }
  return b;
}

void free(void *p) {
  if (!p)
    return;
  LIBC_LOCK(&heap_lock);
  release(block_of(p, "free"));
  LIBC_UNLOCK(&heap_lock);
}

static void *resize(void *p, size_t n) {
  struct block *b, *next;
  size_t size;
  void *moved;
  if (n > MAX_REQUEST) {
    errno = ENOMEM;
    return NULL;
  }
  b = block_of(p, "realloc");
  size = block_size(n);
  if (SIZE_OF(b) < size) {
    /* Grow in place into a free neighbour when it is big enough. */
    next = AFTER(b);
    if (!(next->head & INUSE) && SIZE_OF(b) + SIZE_OF(next) >= size) {
      bin_remove(next);
      b->head += SIZE_OF(next);
      AFTER(b)->head |= PREV_INUSE;
    } else {
      moved = alloc(n);
      if (!moved)
        return NULL;
      memcpy(moved, p, SIZE_OF(b) - SZ);
      release(b);
      return moved;
    }
  }
  trim(b, size);
  return p;
}

void *realloc(void *p, size_t n) {
  void *r;
  if (!p)
    return malloc(n);
  if (n == 0) {
    free(p);
    return NULL;
  }
  LIBC_LOCK(&heap_lock);
  r = resize(p, n);
  LIBC_UNLOCK(&heap_lock);
  return r;
}

void *calloc(size_t count, size_t size) {
  void *p;
  if (size != 0 && count > MAX_REQUEST / size) {
    errno = ENOMEM;
    return NULL;
  }
  p = malloc(count * size);
  if (p)
    memset(p, 0, count * size);
  return p;
}

/* Rules, numbered as __malloc_check reports them:
 * 1 block misaligned or too small   2 PREV_INUSE disagrees with the block before
 * 3 two adjacent free blocks        4 footer differs from the size
 * 5 free-list entry not free, in the wrong bin, or badly linked
 * 6 free-list count differs from the free blocks found walking the heap */
static int check_heap(size_t *free_blocks, size_t *free_bytes) {
  int s, i;
  size_t walked = 0, listed = 0, bytes = 0;
  struct block *b, *prev;
  for (s = 0; s < nsegments; s++) {
    int prev_inuse = 1;
    for (b = segments[s]; SIZE_OF(b) != 0; b = AFTER(b)) {
      if ((((uintptr_t)b + SZ) & (ALIGN - 1)) != 0 || SIZE_OF(b) < MIN_BLOCK || (SIZE_OF(b) & (ALIGN - 1)) != 0)
        return 1;
      if (((b->head & PREV_INUSE) != 0) != prev_inuse)
        return 2;
      if (!(b->head & INUSE)) {
        if (!prev_inuse)
          return 3;
        if (FOOTER(b) != SIZE_OF(b))
          return 4;
        walked++;
        bytes += SIZE_OF(b);
      }
      prev_inuse = (b->head & INUSE) != 0;
    }
    if (((b->head & PREV_INUSE) != 0) != prev_inuse)
      return 2;
  }
  for (i = 0; i < (int)NBINS; i++) {
    prev = NULL;
    for (b = bins[i]; b; b = b->next) {
      if ((b->head & INUSE) || bin_of(SIZE_OF(b)) != i || b->prev != prev)
        return 5;
      listed++;
      prev = b;
    }
  }
  if (nsegments < MAX_SEGMENTS && listed != walked)
    return 6;
  if (free_blocks)
    *free_blocks = walked;
  if (free_bytes)
    *free_bytes = bytes;
  return 0;
}

int __malloc_check(size_t *free_blocks, size_t *free_bytes) {
  int r;
  LIBC_LOCK(&heap_lock);
  r = check_heap(free_blocks, free_bytes);
  LIBC_UNLOCK(&heap_lock);
  return r;
}
