/*
 * mm.h — physical memory: the per-frame descriptors (struct page), the
 * buddy allocator, the slab allocator and kmalloc.
 *
 * Every physical frame below the direct-map limit has one struct page in
 * `page_array`, indexed by frame number (pfn). It exists from boot because
 * copy-on-write (ref counts), swap and reclaim (flags, owner/index for
 * reverse mapping, the lru link) and the OOM killer (accounting) all need
 * it. Field use by owner:
 *   free (buddy):  PG_FREE on the head frame of a free block, private = order,
 *                  lru links it into free_area[order].
 *   slab:          PG_SLAB, mapping = the kmem_cache, index = free-object
 *                  list head (a kernel address), private = objects in use,
 *                  lru links it into the cache's partial/full/free list.
 *   kmalloc large: PG_KERNEL|PG_HEAD, private = order.
 *   page table:    PG_PAGETABLE.
 *   user anon:     PG_ANON, mapping = the mm that last faulted it in, index
 *                  = virtual page number (every mapper maps it at that same
 *                  address: fork keeps addresses), mapcount = number of PTEs
 *                  mapping it. Found again by mm/rmap.c.
 *   swap cache:    PG_SWAPCACHE on an anon page whose contents are (or are
 *                  being) in swap slot `private`; the cache holds one
 *                  reference; swap_next chains it in the cache's hash.
 *   page cache:    PG_CACHE, mapping = the inode, index = file page.
 *   any user page: memcg = the id of the control group it is charged to
 *                  (cgroup/memcontrol.c), cleared when the frame is freed.
 * The reclaim clock (mm/vmscan.c) walks frames by pfn; it needs no list.
 * Invariant: refcount == 0 exactly when the frame is free in the buddy
 * allocator (or reserved and never freed).
 */
#ifndef HAKO_MM_H
#define HAKO_MM_H

#include "list.h"
#include "param.h"
#include "types.h"

#define PG_RESERVED 0x0001    /* never allocatable: low memory, kernel image, boot data */
#define PG_FREE 0x0002        /* head of a free buddy block */
#define PG_KERNEL 0x0004      /* kernel allocation (kmalloc large, kernel stacks) */
#define PG_PAGETABLE 0x0008   /* a page directory or page table */
#define PG_ANON 0x0010        /* anonymous user memory */
#define PG_CACHE 0x0020       /* page cache (file data) */
#define PG_SLAB 0x0040        /* owned by a slab cache */
#define PG_LOCKED 0x0080      /* I/O in flight; reclaim must skip it */
#define PG_DIRTY 0x0100       /* must be written back before reuse */
#define PG_REFERENCED 0x0200  /* second-chance bit for reclaim */
#define PG_HEAD 0x0400        /* first frame of a multi-frame allocation */
#define PG_SWAPCACHE 0x0800   /* in the swap cache: private = swap slot */
#define PG_WAITERS 0x1000     /* someone sleeps until PG_LOCKED clears */

struct page {
  u32 flags;
  int refcount;
  int mapcount;
  u32 private;
  void *mapping;
  u32 index;
  struct list_head lru;
  struct page *swap_next;     /* swap cache hash chain */
  u32 memcg;                  /* the control group it is charged to (cgroup.h), 0: none (the root) */
};

#define MAX_ORDER 10          /* blocks of 1 .. 1024 frames (4 MiB) */

extern struct page *page_array;
extern u32 total_frames;      /* frames covered by page_array */
extern u32 managed_frames;    /* frames handed to the buddy allocator */

INLINE u32 page_to_pfn(struct page *p) { return (u32)(p - page_array); }
INLINE struct page *pfn_to_page(u32 pfn) { return &page_array[pfn]; }
INLINE u32 page_to_phys(struct page *p) { return page_to_pfn(p) << PAGE_SHIFT; }
INLINE void *page_address(struct page *p) { return (void *)(KERNBASE + page_to_phys(p)); }
INLINE struct page *virt_to_page(void *va) { return pfn_to_page(((u32)va - KERNBASE) >> PAGE_SHIFT); }
INLINE u32 virt_to_phys(void *va) { return (u32)va - KERNBASE; }
INLINE void *phys_to_virt(u32 pa) { return (void *)(pa + KERNBASE); }

/* Boot-time bump allocator (before the buddy allocator exists). */
void *boot_alloc(u32 bytes);           /* page-aligned, zeroed, direct-mapped */
void mm_init(void);                    /* kvm + frames + buddy + slab */

/* Buddy allocator (mm/buddy.c). */
void buddy_init(void);
struct page *alloc_pages(int order);   /* NULL when out of memory; refcount 1 */
void free_pages(struct page *p, int order);
struct page *alloc_page(void);         /* order 0 */
void *get_free_page(void);             /* zeroed, direct-mapped; NULL when out of memory */
void get_page(struct page *p);
void put_page(struct page *p);         /* frees the frame when the count drops to 0 */
u32 free_frames(void);
u32 free_blocks(int order);            /* for /proc/buddyinfo */

/* Free-frame watermarks (mm/vmscan.c, scaled to RAM at boot; 0 before):
 * below pages_low the allocator wakes kswapd, which reclaims up to
 * pages_high; user pages are not taken from the last pages_min frames,
 * which stay for the kernel (page tables, stacks, slabs). */
extern u32 pages_min, pages_low, pages_high;
extern int kswapd_idle;                /* kswapd sleeps, waiting for a wakeup */
void wakeup_kswapd(void);

/* Slab allocator (mm/slab.c). */
struct kmem_cache;
struct kmem_cache *kmem_cache_create(const char *name, u32 size);
void *kmem_cache_alloc(struct kmem_cache *c);   /* zeroed */
void kmem_cache_free(struct kmem_cache *c, void *obj);
struct slab_stats {
  const char *name;
  u32 object_size, active_objects, total_objects, slabs, objects_per_slab, pages_per_slab;
};
/* Fills stats for the i-th cache; 0 when there is no such cache. */
int kmem_cache_stats(int i, struct slab_stats *out);
void slab_init(void);

/* kmalloc (mm/kmalloc.c): slab caches of 16..2048 bytes, whole pages above. */
void *kmalloc(u32 size);               /* zeroed; NULL when out of memory */
void *kmalloc_nozero(u32 size);        /* the same, but a block above 2048 bytes is not zeroed */
void kfree(void *p);

#endif
