/*
 * buf.h — the buffer cache and the disk driver under it.
 *
 * A struct buf caches one 4 KiB block of one disk. bread returns it locked
 * (B_BUSY: only the caller may touch data) and valid; bwrite writes it
 * through to the disk at once (so the disk is consistent whenever the
 * machine powers off); brelse unlocks it and makes it the most recently
 * used. Sleepers on a busy buffer sleep on the buf itself.
 */
#ifndef HAKO_BUF_H
#define HAKO_BUF_H

#include "list.h"
#include "types.h"

#define BLOCK_SIZE 4096

#define B_VALID 0x1    /* data holds the block's contents */
#define B_BUSY 0x2     /* locked by a process */
#define B_ERROR 0x4    /* the last transfer failed */
#define B_FINISHED 0x8 /* the disk finished the request in flight */
#define B_DIR_CHECKED 0x10 /* fs/ext2/dir.c checked its records; any write clears it */

struct buf {
  int dev;                 /* the disk: 0 root (hda), 1 swap (hdb), 2 hdc */
  u32 blockno;
  u32 flags;
  int refcount;            /* holders between bread and brelse */
  int writing;             /* the queued request is a write */
  char *data;              /* BLOCK_SIZE bytes, direct-mapped */
  struct list_head lru;    /* most recently used first */
  struct buf *qnext;       /* disk request queue */
  struct buf *hnext;       /* hash chain of (dev, blockno) */
};

void binit(void);
struct buf *bread(int dev, u32 blockno);   /* NULL on I/O error */
int bwrite(struct buf *b);                 /* 0 or -EIO */
void brelse(struct buf *b);
/* A locked, zero-filled buffer for a block that will be fully overwritten
 * (no read from the disk). */
struct buf *bget_zero(int dev, u32 blockno);
/* umount: forget every cached block of dev (none may be held; the cache
 * writes through, so nothing is lost). */
void bcache_forget_dev(int dev);

/* disk.c */
#define NDISKS 3
#define DISK_SWAP 1   /* the disk swap uses when it is on (mm/swap.c) */
void disk_init(void);
u32 disk_blocks(int dev);                  /* 0: no such disk */
u32 disk_devt(int dev);                    /* its block device number (major << 8 | minor) */
const char *disk_name(int dev);            /* "hda", "hdb", "hdc" */
int disk_of_devt(u32 rdev);                /* the disk a block device node names, or -1 */
/* Transfers one block synchronously (sleeps, or polls before the scheduler
 * runs). write: 1 to write, 0 to read. Returns 0 or -EIO. */
int disk_rw(struct buf *b, int write);

#endif
