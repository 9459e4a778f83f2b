/*
 * transport.c — the share device's request ring (ports 0x530–0x53F, IRQ 9;
 * docs/architecture.md): one page of RING_ENTRIES 16-byte entries, each
 * pointing at a request buffer the device answers in place.
 *
 * hostfs_call takes the next entry (request n uses entry n mod
 * RING_ENTRIES, sleeping while that entry's previous request is still
 * being read), builds the request in a kmalloc'd buffer (physically
 * contiguous: the direct map), clears `done`, rings the doorbell with the
 * new producer count, then sleeps on the ring until its entry is done —
 * or polls, before any process exists. The interrupt handler reads STATUS
 * (lowering the IRQ) and wakes every sleeper. Invariants: the producer
 * count only moves with interrupts off; an entry is reused only after its
 * owner copied the answer out.
 */
#include "arch.h"
#include "dev.h"
#include "fs/hostfs/hostfs.h"
#include "lib.h"
#include "mm.h"
#include "printk.h"
#include "proc.h"
#include "trap.h"
#include "hako/errno.h"

#define SHARE_PORT 0x530
#define REG_ID 0
#define REG_RING 4
#define REG_DOORBELL 8
#define REG_STATUS 12
#define SHARE_ID 0x48534852u
#define SHARE_IRQ 9
#define RING_ENTRIES 64
#define HEADER_SIZE 40
#define BUF_SIZE 8192        /* header + two names + one chunk of data */

struct ring_entry {
  u32 addr, len;
  int result;
  u32 done;
};

static struct ring_entry *ring;   /* NULL until the first mount */
static u32 produced;
static char entry_busy[RING_ENTRIES];

static void share_irq(int irq) {
  (void)irq;
  inl(SHARE_PORT + REG_STATUS);
  wakeup(ring);
}

int hostfs_present(void) {
  if (inl(SHARE_PORT + REG_ID) != SHARE_ID) return 0;
  if (ring == NULL) {
    ring = (struct ring_entry *)get_free_page();
    if (ring == NULL) return 0;
    outl(SHARE_PORT + REG_RING, virt_to_phys(ring));
    irq_register(SHARE_IRQ, share_irq, "hostshare");
    pic_unmask(SHARE_IRQ);
  }
  return 1;
}

/* Lays out the request in buf; -ENAMETOOLONG when it does not fit. */
static int build(char *buf, const struct hostfs_req *r) {
  u32 *h = (u32 *)buf;
  u32 n1 = r->name ? strlen(r->name) : 0, n2 = r->name2 ? strlen(r->name2) : 0;
  int i;
  if (HEADER_SIZE + n1 + n2 + r->data_len > BUF_SIZE) return -ENAMETOOLONG;
  h[0] = r->op;
  for (i = 0; i < 6; i++) h[1 + i] = r->a[i];
  h[7] = n1;
  h[8] = n2;
  h[9] = r->data_len;
  memcpy(buf + HEADER_SIZE, r->name, n1);
  memcpy(buf + HEADER_SIZE + n1, r->name2, n2);
  if (r->data_len) memcpy(buf + HEADER_SIZE + n1 + n2, r->data, r->data_len);
  return 0;
}

int hostfs_call(const struct hostfs_req *r, void *reply, u32 reply_size) {
  char *buf;
  struct ring_entry *e;
  u32 flags, slot;
  int result, polling = current == NULL || current->pid == 0;
  if (ring == NULL) return -ENODEV;
  buf = (char *)kmalloc(BUF_SIZE);
  if (buf == NULL) return -ENOMEM;
  result = build(buf, r);
  if (result) {
    kfree(buf);
    return result;
  }
  flags = irq_save();
  while (entry_busy[produced % RING_ENTRIES]) sleep_uninterruptible(ring);
  slot = produced % RING_ENTRIES;
  entry_busy[slot] = 1;
  e = &ring[slot];
  e->addr = virt_to_phys(buf);
  e->len = BUF_SIZE;
  e->result = 0;
  e->done = 0;
  produced++;
  outl(SHARE_PORT + REG_DOORBELL, produced);
  while (!e->done) {
    if (polling) {
      irq_restore(flags);
      inl(SHARE_PORT + REG_STATUS);   /* time passes; the device answers */
      flags = irq_save();
    } else {
      sleep_uninterruptible(ring);
    }
  }
  result = e->result;
  if (result > 0 && reply) memcpy(reply, buf, MIN((u32)result, reply_size));
  entry_busy[slot] = 0;
  wakeup(ring);
  irq_restore(flags);
  kfree(buf);
  return result;
}
