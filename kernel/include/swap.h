/*
 * swap.h — what the page-fault, unmap and fork paths ask of swap
 * (mm/swap.c) and of reclaim (mm/vmscan.c).
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

/* The swap device (disk 1), for /proc/meminfo, /proc/swaps and free. */
u32 swap_total_pages(void);     /* 0 when there is no swap */
u32 swap_free_pages(void);

/* Counters for /proc/vmstat (Linux's names). */
extern u32 vm_stat_pgmajfault;  /* faults that had to read from a device */
extern u32 vm_stat_pswpin;      /* pages read from swap */
extern u32 vm_stat_pswpout;     /* pages written to swap */
extern u32 vm_stat_oom_kill;    /* processes killed by the OOM killer */

#endif
