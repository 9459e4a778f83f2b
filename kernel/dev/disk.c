/*
 * disk.c — the block-device driver (disk 0 at 0x1F0, IRQ 14; disk 1 at
 * 0x170, IRQ 15): one 4 KiB block per request, DMA straight into the
 * buffer's frame.
 *
 * Requests queue per disk; the head of the queue is the one the device is
 * working on. disk_rw queues the buffer, starts the device if it was idle
 * and sleeps (uninterruptibly: the buffer stays queued until the disk is
 * done with it) until the completion interrupt marks it B_FINISHED and
 * starts the next request. Before any process exists (boot, pid 0),
 * sleeping is impossible, so requests are then polled. Invariant: the
 * device is busy iff the queue is non-empty; the queue changes only with
 * interrupts off.
 */
#include "arch.h"
#include "bootinfo.h"
#include "buf.h"
#include "dev.h"
#include "mm.h"
#include "printk.h"
#include "proc.h"
#include "trap.h"
#include "trace.h"
#include "hako/errno.h"

#define REG_BLOCK 0
#define REG_COUNT 4
#define REG_ADDR 8
#define REG_COMMAND 12
#define REG_STATUS 12
#define REG_ERROR 20
#define CMD_READ 1
#define CMD_WRITE 2
#define STATUS_BUSY 1
#define STATUS_ERROR 2

struct disk {
  u32 base;
  int irq;
  u32 blocks;
  struct buf *queue;      /* head: in flight */
  u32 errors;
};

static struct disk disks[2];

static void start_request(struct disk *d) {
  struct buf *b = d->queue;
  trace4(TR_BLOCK_IO, d - disks, b->blockno, 1, b->writing);
  outl(d->base + REG_BLOCK, b->blockno);
  outl(d->base + REG_COUNT, 1);
  outl(d->base + REG_ADDR, virt_to_phys(b->data));
  outl(d->base + REG_COMMAND, b->writing ? CMD_WRITE : CMD_READ);
}

/* Completes the request in flight given the STATUS just read (reading it
 * cleared done/error), starts the next; returns the finished buffer. */
static struct buf *finish_request(struct disk *d, u32 status) {
  struct buf *b = d->queue;
  if (b == NULL) return NULL;
  if (status & STATUS_ERROR) {
    u32 err = inl(d->base + REG_ERROR);
    d->errors++;
    b->flags |= B_ERROR;
    /* A failing store fails every request: the first errors, then one in
     * 256, so the console stays usable. */
    if (d->errors <= 16 || d->errors % 256 == 0) {
      printk(KERN_ERR, "disk%d: I/O error %u on block %u (%u errors)", (int)(d - disks), err, b->blockno, d->errors);
    }
  } else {
    b->flags |= B_VALID;
  }
  b->flags |= B_FINISHED;
  d->queue = b->qnext;
  b->qnext = NULL;
  if (d->queue) start_request(d);
  return b;
}

static void disk_irq(int irq) {
  struct disk *d = irq == IRQ_DISK0 ? &disks[0] : &disks[1];
  u32 status = inl(d->base + REG_STATUS);
  struct buf *b;
  if (d->queue == NULL || (status & STATUS_BUSY)) return;   /* spurious or not ours yet */
  b = finish_request(d, status);
  if (b) wakeup(b);
}

void disk_init(void) {
  int i;
  disks[0].base = 0x1F0;
  disks[0].irq = IRQ_DISK0;
  disks[1].base = 0x170;
  disks[1].irq = IRQ_DISK1;
  for (i = 0; i < 2; i++) {
    disks[i].blocks = i < (int)boot_info.ndisks ? boot_info.disk_blocks[i] : 0;
    if (disks[i].blocks == 0) continue;
    irq_register(disks[i].irq, disk_irq);
    pic_unmask(disks[i].irq);
    printk(KERN_INFO, "disk%d: %u blocks of 4 KiB (%u MiB) at 0x%x, irq %d", i, disks[i].blocks,
           disks[i].blocks / 256, disks[i].base, disks[i].irq);
  }
}

u32 disk_blocks(int dev) {
  return dev >= 0 && dev < 2 ? disks[dev].blocks : 0;
}

int disk_rw(struct buf *b, int write) {
  struct disk *d;
  u32 flags;
  struct buf **tail;
  if (b->dev < 0 || b->dev > 1 || disks[b->dev].blocks == 0 || b->blockno >= disks[b->dev].blocks) return -EIO;
  d = &disks[b->dev];
  flags = irq_save();
  b->flags &= ~(B_ERROR | B_FINISHED);
  b->writing = write;
  b->qnext = NULL;
  tail = &d->queue;
  while (*tail) tail = &(*tail)->qnext;
  *tail = b;
  if (d->queue == b) start_request(d);
  if (current == NULL || current->pid == 0) {
    while (!(b->flags & B_FINISHED)) {
      u32 status = inl(d->base + REG_STATUS);
      if (!(status & STATUS_BUSY)) finish_request(d, status);
    }
  } else {
    while (!(b->flags & B_FINISHED)) sleep_uninterruptible(b);
  }
  irq_restore(flags);
  return (b->flags & B_ERROR) ? -EIO : 0;
}
