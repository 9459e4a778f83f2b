/* arena.c: the per-line allocator. Every token, parsed command and expanded
 * word of one input line lives here; arena_reset frees them all at once
 * before the next line. Blocks come from malloc and are kept for reuse.
 * A loop takes a mark before each pass and releases back to it after, so
 * a long-running loop does not grow the arena (eval.c).
 * Invariant: pointers from the arena are never used after arena_reset, nor
 * after a release to a mark taken before they were allocated. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "sh.h"

#define BLOCK 16384

struct block {
  struct block *next;
  int used;
  int size;
};

static struct block *blocks;    /* in use, newest first */
static struct block *spare;     /* kept from earlier lines */

void *arena_alloc(int n) {
  struct block *b = blocks;
  char *p;
  n = (n + 3) & ~3;
  if (!b || b->used + n > b->size) {
    int size = n > BLOCK ? n : BLOCK;
    if (spare && spare->size >= size) {
      b = spare;
      spare = spare->next;
    } else {
      b = malloc(sizeof(struct block) + size);
      if (!b) {
        fprintf(stderr, "sh: out of memory\n");
        exit(2);
      }
      b->size = size;
    }
    b->used = 0;
    b->next = blocks;
    blocks = b;
  }
  p = (char *)(b + 1) + b->used;
  b->used += n;
  memset(p, 0, n);
  return p;
}

char *arena_strndup(const char *s, int n) {
  char *p = arena_alloc(n + 1);
  memcpy(p, s, n);
  p[n] = 0;
  return p;
}

char *arena_strdup(const char *s) {
  return arena_strndup(s, strlen(s));
}

struct arena_mark arena_mark(void) {
  struct arena_mark m;
  m.block = blocks;
  m.used = blocks ? blocks->used : 0;
  return m;
}

void arena_release(struct arena_mark m) {
  while (blocks && blocks != m.block) {
    struct block *b = blocks;
    blocks = b->next;
    if (b->size == BLOCK) {
      b->next = spare;
      spare = b;
    } else {
      free(b);
    }
  }
  if (blocks)
    blocks->used = m.used;
}

/* back to no block at all: the mark of an empty arena */
void arena_reset(void) {
  struct arena_mark empty;
  empty.block = 0;
  empty.used = 0;
  arena_release(empty);
}
