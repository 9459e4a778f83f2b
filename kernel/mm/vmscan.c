/*
 * vmscan.c — page reclaim: the clock, kswapd, direct reclaim, and the
 * allocation path for user pages that uses them.
 *
 * The clock is a hand over all frames in pfn order (second chance, Linux's
 * old "clock" policy over the hardware Accessed bits). At each frame:
 *   - not user memory (free, reserved, kernel, slab, page table), locked
 *     (I/O in flight), or anonymous with nowhere to go (no free slot and
 *     not already in the swap cache): skip;
 *   - pinned (a reference that is not a PTE's or a cache's) or with a
 *     mapper rmap cannot see: skip, it cannot be unmapped safely;
 *   - referenced (PG_REFERENCED, or any mapper's PTE has A set): clear the
 *     bits (A with invlpg) and move on — the second chance;
 *   - otherwise reclaim it: an anonymous page goes to swap
 *     (swap_out_page), a page-cache page is unmapped everywhere and given
 *     to pagecache_evict (which writes it back if dirty).
 * kswapd (a kernel thread) sleeps until an allocation leaves fewer than
 * pages_low free frames (buddy.c wakes it), then runs the clock until
 * pages_high are free; when a whole turn frees nothing it waits 100 ms
 * before trying again. Direct reclaim (try_to_free_pages) runs the same
 * clock in the allocating process, for up to RECLAIM_BATCH frames or
 * two turns. alloc_user_page: the buddy allocator (above the pages_min
 * reserve), else direct reclaim and retry, else the OOM killer and retry;
 * before all that, a process whose control group is at its memory.max
 * reclaims inside that group and may meet its OOM killer instead
 * (cgroup/memcontrol.c), and the frame it gets is charged to its group.
 *
 * Watermarks scale with RAM: pages_low = managed frames / 32, clamped to
 * 16..1024 frames, pages_min = low / 2, pages_high = low * 2. With 8 MiB
 * (1,716 managed frames) that is min 26, low 53, high 106 frames.
 */
#include "arch.h"
#include "cgroup.h"
#include "filemap.h"
#include "hako/errno.h"
#include "mm.h"
#include "oom.h"
#include "printk.h"
#include "proc.h"
#include "rmap.h"
#include "swap.h"
#include "trace.h"

#define RECLAIM_BATCH 32
#define KSWAPD_BACKOFF_TICKS 10

u32 pages_min, pages_low, pages_high;
int kswapd_idle;
static u32 clock_hand;
static struct proc *kswapd_proc;

void reclaim_init(void) {
  u32 low = managed_frames / 32;
  if (low < 16) low = 16;
  if (low > 1024) low = 1024;
  pages_low = low;
  pages_min = low / 2;
  pages_high = low * 2;
}

/* Looks at one frame under the hand; 1 when it was freed. */
static int shrink_one(struct page *p, struct cgroup *memcg) {
  u32 flags = p->flags;
  u32 own, mappers, young;
  if (memcg && !page_in_mem_cgroup(p, memcg)) return 0;
  if (p->refcount <= 0 || (flags & (PG_FREE | PG_RESERVED | PG_KERNEL | PG_SLAB | PG_PAGETABLE | PG_LOCKED | PG_HEAD))) {
    return 0;
  }
  if (flags & PG_ANON) {
    if (!(flags & PG_SWAPCACHE) && swap_free_pages() == 0) return 0;
    own = (flags & PG_SWAPCACHE) ? 1 : 0;
  } else if (flags & PG_CACHE) {
    if (pagecache_no_backing((struct inode *)p->mapping)) return 0;   /* tmpfs, shm: nowhere to put it */
    own = 1;
  } else {
    return 0;
  }
  if ((u32)p->refcount != (u32)p->mapcount + own) return 0;
  mappers = rmap_scan(p, &young);
  if (mappers != (u32)p->mapcount) return 0;
  if (flags & PG_REFERENCED) {
    p->flags &= ~PG_REFERENCED;
    return 0;
  }
  if (young > 0) return 0;
  if (flags & PG_ANON) return swap_out_page(p);
  rmap_unmap_file(p);
  return pagecache_evict(p) == 0 ? 1 : 0;
}

/* Runs the clock until `want` frames were freed or `max_scan` frames were
 * looked at (only frames charged inside memcg, unless NULL); returns the
 * frames freed. */
static u32 shrink(u32 want, u32 max_scan, struct cgroup *memcg) {
  u32 freed = 0, scanned;
  for (scanned = 0; scanned < max_scan && freed < want; scanned++) {
    struct page *p = pfn_to_page(clock_hand);
    clock_hand++;
    if (clock_hand >= total_frames) clock_hand = 0;
    freed += (u32)shrink_one(p, memcg);
  }
  return freed;
}

u32 try_to_free_pages(void) {
  return shrink(RECLAIM_BATCH, 2 * total_frames, NULL);
}

u32 try_to_free_mem_cgroup_pages(struct cgroup *memcg, u32 want) {
  return shrink(want, 2 * total_frames, memcg);
}

struct page *alloc_user_page(void) {
  for (;;) {
    struct page *p = NULL;
    struct cgroup *over = current->cgroup ? mem_cgroup_over_max() : NULL;   /* the root has no limit */
    if (over != NULL) {   /* its own reclaim, then its own OOM killer */
      if (mem_cgroup_handle_max(over)) continue;
      return NULL;
    }
    if (free_frames() > pages_min) p = alloc_page();
    if (p != NULL) {
      if (current->cgroup) mem_cgroup_charge(p);
      return p;
    }
    if (try_to_free_pages() > 0) continue;
    if (!out_of_memory()) return NULL;
  }
}

void wakeup_kswapd(void) {
  if (kswapd_proc == NULL) return;
  trace2(TR_KSWAPD_WAKE, free_frames(), pages_low);
  kswapd_idle = 0;
  wakeup(&kswapd_idle);
}

static void kswapd(void *arg) {
  (void)arg;
  for (;;) {
    u32 flags = irq_save();
    while (free_frames() >= pages_low) {
      kswapd_idle = 1;
      sleep_on(&kswapd_idle);
    }
    kswapd_idle = 0;
    irq_restore(flags);
    while (free_frames() < pages_high) {
      if (shrink(RECLAIM_BATCH, total_frames, NULL) == 0) {
        sleep_ticks(KSWAPD_BACKOFF_TICKS);
        break;
      }
    }
  }
}

void kswapd_start(void) {
  kswapd_proc = kthread_create("kswapd0", kswapd, NULL);
  if (kswapd_proc == NULL) printk(KERN_ERR, "kswapd: cannot start");
}
