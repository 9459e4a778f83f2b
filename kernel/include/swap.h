/*
 * swap.h — what the page-fault, unmap and fork paths ask of swap
 * (mm/swap.c, mm/swap_state.c) and of reclaim (mm/vmscan.c); below them,
 * the pieces the swap and reclaim files share with each other.
 *
 * A not-present PTE with PTE_SWAP (vm.h) holds a swap slot in bits 12..31.
 * Every slot carries a reference count: one per PTE holding it (fork
 * duplicates, unmap drops), plus whatever the swap code keeps for itself
 * (e.g. a swap cache). mm->swap_pages counts the swap entries in an address
 * space; unmap_range and mm_copy keep it, the swap code keeps it when it
 * swaps a page out or in.
 */
#ifndef HAKO_SWAP_H
#define HAKO_SWAP_H

#include "types.h"
#include "vm.h"

#define SWAP_ENTRY(slot) (((pte_t)(slot) << 12) | PTE_SWAP)
/* Slot numbers fit the 20 bits above the flags of a PTE. */
#define SWAP_MAX_SLOTS 0x100000u
#define SWAP_SLOT(entry) ((entry) >> 12)
#define IS_SWAP_ENTRY(e) (((e) & (PTE_P | PTE_SWAP)) == PTE_SWAP)

/* Fault on a swap entry *pte at page-aligned va inside v, access legal by
 * the VMA. 0 when the page is mapped again, -ENOMEM when no frame could be
 * had, -EIO when the device failed to read it (the process gets SIGBUS). */
int swap_in_fault(struct mm *mm, struct vm_area *v, u32 va, pte_t *pte, u32 err);
/* One PTE holding `entry` goes away (unmap, exit, exec). */
void swap_entry_free(pte_t entry);
/* A second PTE now holds `entry` (fork). */
void swap_entry_dup(pte_t entry);

/* Memory for user pages (mm/vmscan.c): a frame from the buddy allocator,
 * else direct reclaim, else the OOM killer and another try. May sleep, so
 * only in process context. NULL when nothing could be had. */
struct page *alloc_user_page(void);
/* Direct reclaim: frees some frames synchronously; how many. */
u32 try_to_free_pages(void);
/* Reclaim of frames charged to group cg or below it only (memory.max,
 * memory.high): up to `want` frames or two turns of the clock; how many. */
struct cgroup;
u32 try_to_free_mem_cgroup_pages(struct cgroup *cg, u32 want);

/* The swap device (disk 1), for /proc/meminfo, /proc/swaps and free. */
u32 swap_total_pages(void);     /* 0 when there is no swap */
u32 swap_free_pages(void);

/* Counters for /proc/vmstat (Linux's names). */
extern u32 vm_stat_pgmajfault;  /* faults that had to read from a device */
extern u32 vm_stat_pswpin;      /* pages read from swap */
extern u32 vm_stat_pswpout;     /* pages written to swap */
extern u32 vm_stat_oom_kill;    /* processes killed by the OOM killer */

/* ---- Shared by the swap and reclaim files (not for other callers). ---- */

struct page;

/* The swap device (mm/swap.c). Slot 0 is the header and never holds a
 * page. A slot's count is its PTE references plus one while it is in the
 * swap cache; a bad slot (a failed write) is never used again. */
void swap_init(void);                /* boot: swap on if disk 1 exists */
int swap_writable(void);             /* swap is on and not being turned off */
u32 swap_slot_alloc(void);           /* a free slot with count 1, or 0 when none */
void swap_slot_get(u32 slot);
void swap_slot_put(u32 slot);        /* at 0 free again, or bad if lost */
u32 swap_slot_count(u32 slot);       /* 0 for a free, bad or invalid slot */
int swap_slot_lost(u32 slot);        /* its data could not be written or read back */
void swap_slot_mark_lost(u32 slot);  /* becomes bad once its count reaches 0 */
int swap_io(u32 slot, struct page *p, int write);   /* 0 or -EIO; sleeps */
/* Whether the count-th error of a kind is logged: the first 16, then one
 * in 256 (a failing device fails every request). */
int swap_log_ok(u32 count);

/* The swap cache and the two directions (mm/swap_state.c). */
struct page *swap_cache_lookup(u32 slot);
/* Drops a page's swap-cache entry: the slot loses the cache's count, the
 * page the cache's reference. */
void swap_cache_drop(struct page *p);
/* Swaps out an anonymous page every mapper of which rmap can see and that
 * nobody else pins; sleeps for the write. 1 when its frame was freed. */
int swap_out_page(struct page *p);
/* Brings the swap entry at va of mm back (swapoff); same results as
 * swap_in_fault. */
int swap_in_entry(struct mm *mm, struct vm_area *v, u32 va, int count_major);
extern u32 swap_cache_pages;

/* Reclaim (mm/vmscan.c); its watermarks are in mm.h. */
void reclaim_init(void);
void kswapd_start(void);

#endif
