/*
 * bcache.c — the buffer cache: a fixed pool of block buffers, looked up by
 * (disk, block), recycled least-recently-used.
 *
 * The pool is sized from RAM at boot (1/32 of the frames, 32..512 buffers).
 * A hash of (dev, blockno) finds a cached block; all buffers are also on
 * one LRU list, most recently released first, and a miss takes the least
 * recently used buffer nobody holds.
 * Writes go through to the disk at once (bwrite), so no dirty state lives
 * here and power-off never loses acknowledged writes. Invariants: at most
 * one buffer per (dev, blockno); B_BUSY buffers have refcount >= 1 and
 * belong to the process that locked them; data of a B_VALID buffer equals
 * the disk block. B_DIR_CHECKED (the directory code validated the records)
 * lasts only while the data is unchanged: bwrite and bget_zero clear it,
 * and a recycled buffer starts without it.
 */
#include "arch.h"
#include "buf.h"
#include "lib.h"
#include "mm.h"
#include "printk.h"
#include "proc.h"
#include "hako/errno.h"

#define NHASH 128

static struct list_head lru;
static struct buf *hash[NHASH];
static int nbufs;

static u32 hash_of(int dev, u32 blockno) {
  return (blockno * 31u + (u32)dev) % NHASH;
}

static void hash_remove(struct buf *b) {
  struct buf **link;
  if (b->dev < 0) return;
  link = &hash[hash_of(b->dev, b->blockno)];
  while (*link && *link != b) link = &(*link)->hnext;
  if (*link) *link = b->hnext;
  b->hnext = NULL;
}

static void hash_insert(struct buf *b) {
  u32 h = hash_of(b->dev, b->blockno);
  b->hnext = hash[h];
  hash[h] = b;
}
static u32 hits, misses;

void binit(void) {
  int i, want = (int)(total_frames / 32);
  if (want < 32) want = 32;
  if (want > 512) want = 512;
  list_init(&lru);
  for (i = 0; i < want; i++) {
    struct buf *b = (struct buf *)kmalloc(sizeof(struct buf));
    char *data = (char *)get_free_page();
    if (b == NULL || data == NULL) break;
    b->data = data;
    b->dev = -1;
    list_add_tail(&b->lru, &lru);
    nbufs++;
  }
  printk(KERN_INFO, "Buffer cache: %d buffers (%d KiB)", nbufs, nbufs * 4);
}

/* Returns the buffer for (dev, blockno), locked, maybe not valid. */
static struct buf *bget(int dev, u32 blockno) {
  struct list_head *n;
  for (;;) {
    u32 flags = irq_save();
    struct buf *b;
    for (b = hash[hash_of(dev, blockno)]; b; b = b->hnext) {
      if (b->dev == dev && b->blockno == blockno) break;
    }
    if (b) {
      if (b->flags & B_BUSY) {
        sleep_uninterruptible(b);   /* then look again: it may have been recycled */
        irq_restore(flags);
        continue;
      }
      b->flags |= B_BUSY;
      b->refcount++;
      hits++;
      irq_restore(flags);
      return b;
    }
    for (n = lru.prev; n != &lru; n = n->prev) {
      b = list_entry(n, struct buf, lru);
      if (b->refcount == 0 && !(b->flags & B_BUSY)) {
        hash_remove(b);
        b->dev = dev;
        b->blockno = blockno;
        b->flags = B_BUSY;
        b->refcount = 1;
        hash_insert(b);
        misses++;
        irq_restore(flags);
        return b;
      }
    }
    irq_restore(flags);
    panic("bget: no free buffers");
  }
}

struct buf *bread(int dev, u32 blockno) {
  struct buf *b = bget(dev, blockno);
  if (!(b->flags & B_VALID)) {
    if (disk_rw(b, 0) != 0) {
      b->flags &= ~(B_VALID | B_DIR_CHECKED);
      brelse(b);
      return NULL;
    }
  }
  return b;
}

struct buf *bget_zero(int dev, u32 blockno) {
  struct buf *b = bget(dev, blockno);
  memset(b->data, 0, BLOCK_SIZE);
  b->flags = (b->flags | B_VALID) & ~B_DIR_CHECKED;
  return b;
}

int bwrite(struct buf *b) {
  BUG_ON(!(b->flags & B_BUSY));
  b->flags &= ~B_DIR_CHECKED;   /* the caller changed the data */
  if (disk_rw(b, 1) != 0) return -EIO;
  b->flags |= B_VALID;
  return 0;
}

void bcache_forget_dev(int dev) {
  struct list_head *n;
  u32 flags = irq_save();
  for (n = lru.next; n != &lru; n = n->next) {
    struct buf *b = list_entry(n, struct buf, lru);
    if (b->dev != dev || b->refcount != 0 || (b->flags & B_BUSY)) continue;
    hash_remove(b);
    b->dev = -1;
    b->flags = 0;
  }
  irq_restore(flags);
}

void brelse(struct buf *b) {
  u32 flags = irq_save();
  BUG_ON(!(b->flags & B_BUSY));
  b->refcount--;
  b->flags &= ~B_BUSY;
  list_del(&b->lru);
  list_add(&b->lru, &lru);
  wakeup(b);
  irq_restore(flags);
}
