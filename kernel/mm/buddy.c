/*
 * buddy.c — the buddy allocator for physical frames, orders 0..MAX_ORDER.
 *
 * A free block of 2^k frames starts at a pfn that is a multiple of 2^k; its
 * head frame carries PG_FREE and private = k and sits on free_area[k]. Its
 * buddy is at pfn ^ 2^k. Freeing merges with the buddy while the buddy is a
 * free block of the same order. Interrupts are off inside (interrupt
 * handlers may allocate). An allocation that leaves fewer than pages_low
 * free frames wakes kswapd (a flag test and, rarely, a wakeup). Invariants: a frame is in at most one free block;
 * free_count == the sum of 2^k over every listed block; allocated frames
 * have refcount >= 1 and no PG_FREE.
 */
#include "arch.h"
#include "cgroup.h"
#include "lib.h"
#include "mm.h"
#include "printk.h"

struct free_area {
  struct list_head list;
  u32 count;
};

static struct free_area free_area[MAX_ORDER + 1];
static u32 free_count;

void buddy_init(void) {
  int k;
  for (k = 0; k <= MAX_ORDER; k++) {
    list_init(&free_area[k].list);
    free_area[k].count = 0;
  }
  free_count = 0;
}

static void add_free_block(struct page *p, int order) {
  p->flags = PG_FREE;
  p->private = (u32)order;
  p->refcount = 0;
  list_add(&p->lru, &free_area[order].list);
  free_area[order].count++;
}

static void remove_free_block(struct page *p, int order) {
  list_del(&p->lru);
  p->flags &= ~PG_FREE;
  free_area[order].count--;
}

/* Returns a block to the free lists, merging with free buddies. */
static void free_block(u32 pfn, int order) {
  while (order < MAX_ORDER) {
    u32 buddy_pfn = pfn ^ (1u << order);
    struct page *buddy;
    if (buddy_pfn + (1u << order) > total_frames) break;
    buddy = pfn_to_page(buddy_pfn);
    if (!(buddy->flags & PG_FREE) || buddy->private != (u32)order) break;
    remove_free_block(buddy, order);
    buddy->flags = 0;
    pfn = pfn & ~(1u << order);
    order++;
  }
  add_free_block(pfn_to_page(pfn), order);
}

struct page *alloc_pages(int order) {
  u32 flags;
  int k;
  struct page *p;
  u32 pfn;
  if (order < 0 || order > MAX_ORDER) return NULL;
  flags = irq_save();
  for (k = order; k <= MAX_ORDER; k++) {
    if (!list_empty(&free_area[k].list)) break;
  }
  if (k > MAX_ORDER) {
    irq_restore(flags);
    return NULL;
  }
  p = list_entry(free_area[k].list.next, struct page, lru);
  remove_free_block(p, k);
  pfn = page_to_pfn(p);
  /* Split: hand the upper halves back until the block has the wanted order. */
  while (k > order) {
    k--;
    add_free_block(pfn_to_page(pfn + (1u << k)), k);
  }
  free_count -= 1u << order;
  p->flags = order > 0 ? PG_HEAD : 0;
  p->refcount = 1;
  p->mapcount = 0;
  p->private = (u32)order;
  p->mapping = NULL;
  p->index = 0;
  if (free_count < pages_low && kswapd_idle) wakeup_kswapd();
  irq_restore(flags);
  return p;
}

void free_pages(struct page *p, int order) {
  u32 flags = irq_save();
  u32 pfn = page_to_pfn(p);
  BUG_ON(p->flags & (PG_FREE | PG_RESERVED));
  BUG_ON((pfn & ((1u << order) - 1)) != 0);
  if (p->memcg) mem_cgroup_uncharge(p);
  p->refcount = 0;
  p->mapping = NULL;
  free_count += 1u << order;
  free_block(pfn, order);
  irq_restore(flags);
}

/* Hands a range of frames to the allocator at boot, in the largest aligned
 * blocks that fit. */
void buddy_add_range(u32 first_pfn, u32 end_pfn) {
  u32 pfn = first_pfn;
  while (pfn < end_pfn) {
    int order = MAX_ORDER;
    while (order > 0 && ((pfn & ((1u << order) - 1)) != 0 || pfn + (1u << order) > end_pfn)) order--;
    pfn_to_page(pfn)->flags = 0;
    free_count += 1u << order;
    free_block(pfn, order);
    pfn += 1u << order;
  }
}

struct page *alloc_page(void) {
  return alloc_pages(0);
}

void *get_free_page(void) {
  struct page *p = alloc_pages(0);
  void *va;
  if (p == NULL) return NULL;
  p->flags |= PG_KERNEL;
  va = page_address(p);
  memset(va, 0, PAGE_SIZE);
  return va;
}

void get_page(struct page *p) {
  u32 flags = irq_save();
  p->refcount++;
  irq_restore(flags);
}

void put_page(struct page *p) {
  u32 flags = irq_save();
  BUG_ON(p->refcount <= 0);
  p->refcount--;
  if (p->refcount == 0) {
    BUG_ON(p->flags & PG_SWAPCACHE);   /* the swap cache holds a reference */
    p->flags &= ~(PG_ANON | PG_KERNEL | PG_PAGETABLE | PG_DIRTY | PG_REFERENCED | PG_HEAD);
    p->mapcount = 0;
    free_pages(p, 0);
  }
  irq_restore(flags);
}

u32 free_frames(void) {
  return free_count;
}

u32 free_blocks(int order) {
  return free_area[order].count;
}
