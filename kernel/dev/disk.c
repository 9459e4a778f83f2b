/*
 * disk.c — the block-device driver (disk 0 at 0x1F0, IRQ 14; disk 1 at
 * 0x170, IRQ 15; disk 2 at 0x1B0, IRQ 11): one 4 KiB block per request,
 * DMA straight into the buffer's frame.
 *
 * Names and numbers are Linux's IDE ones: disk 0 is /dev/hda (3:0, the
 * root), disk 1 /dev/hdb (3:64, swap), disk 2 /dev/hdc (22:0, a second
 * volume to mount). disk_devt/disk_of_devt translate between the driver's
 * index (the buffer cache's `dev`) and a block device node's rdev.
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

static struct disk disks[NDISKS];

static const struct {
  u32 base;
  int irq;
  u32 major, minor;
  const char *name;
} disk_slots[NDISKS] = {
  { 0x1F0, IRQ_DISK0, 3, 0, "hda" },
  { 0x170, IRQ_DISK1, 3, 64, "hdb" },
  { 0x1B0, IRQ_DISK2, 22, 0, "hdc" },
};

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
  struct disk *d = NULL;
  u32 status;
  struct buf *b;
  int i;
  for (i = 0; i < NDISKS; i++) {
    if (disks[i].irq == irq) d = &disks[i];
  }
  if (d == NULL) return;
  status = inl(d->base + REG_STATUS);
  if (d->queue == NULL || (status & STATUS_BUSY)) return;   /* spurious or not ours yet */
  b = finish_request(d, status);
  if (b) wakeup(b);
}

/* The size of disk i from the boot info (0: no disk in that slot). Disk 2
 * is an appended field, so the older fields keep their offsets. */
static u32 boot_disk_blocks(int i) {
  if (i >= (int)boot_info.ndisks) return 0;
  return i < 2 ? boot_info.disk_blocks[i] : boot_info.disk2_blocks;
}

void disk_init(void) {
  int i;
  for (i = 0; i < NDISKS; i++) {
    disks[i].base = disk_slots[i].base;
    disks[i].irq = disk_slots[i].irq;
    disks[i].blocks = boot_disk_blocks(i);
    if (disks[i].blocks == 0) continue;
    irq_register(disks[i].irq, disk_irq, disk_slots[i].name);
    pic_unmask(disks[i].irq);
    printk(KERN_INFO, "disk%d: %u blocks of 4 KiB (%u MiB) at 0x%x, irq %d", i, disks[i].blocks,
           disks[i].blocks / 256, disks[i].base, disks[i].irq);
  }
}

u32 disk_blocks(int dev) {
  return dev >= 0 && dev < NDISKS ? disks[dev].blocks : 0;
}

/* Linux's old 16-bit encoding (major << 8 | minor), as st_dev and ext2's
 * device nodes keep it. */
u32 disk_devt(int dev) {
  return disk_slots[dev].major << 8 | disk_slots[dev].minor;
}

const char *disk_name(int dev) {
  return dev >= 0 && dev < NDISKS ? disk_slots[dev].name : "?";
}

/* The disk a block device node names (its rdev, either encoding), or -1. */
int disk_of_devt(u32 rdev) {
  u32 major, minor;
  int i;
  if (rdev & 0xFFFF0000u) {
    major = (rdev >> 8) & 0xFFF;
    minor = (rdev & 0xFF) | ((rdev >> 12) & 0xFFF00);
  } else {
    major = (rdev >> 8) & 0xFF;
    minor = rdev & 0xFF;
  }
  for (i = 0; i < NDISKS; i++) {
    if (disk_slots[i].major == major && disk_slots[i].minor == minor) return i;
  }
  return -1;
}

int disk_rw(struct buf *b, int write) {
  struct disk *d;
  u32 flags;
  struct buf **tail;
  if (b->dev < 0 || b->dev >= NDISKS || disks[b->dev].blocks == 0 || b->blockno >= disks[b->dev].blocks) return -EIO;
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
