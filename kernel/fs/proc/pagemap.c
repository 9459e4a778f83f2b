/*
 * pagemap.c — /proc/PID/pagemap: the process's page table, one 64-bit
 * entry per virtual page, in Linux's format (admin-guide/mm/pagemap), so
 * a program can find the frame behind its own variable (lab 06) or see
 * copy-on-write split a shared frame (lab 07).
 *
 * The entry of page V is at byte V * 8 (address / 4096 * 8), little-endian:
 *   bit 63  present in RAM
 *   bit 62  swapped out
 *   bit 61  a file page (page cache) or shared anonymous
 *   bit 56  mapped by this process only (the frame's mapcount is 1)
 *   bits 0-54  the page frame number when present — for root only, as
 *              Linux since 4.0 (the others read 0: a frame number tells
 *              an attacker where things are); when swapped, the swap
 *              type (0) in bits 0-4 and the slot in bits 5-54.
 * Reads and positions must be whole entries (EINVAL otherwise); reading
 * past the last user page is end of file. The page tables are read a
 * chunk at a time into a kernel buffer and copied out after, because
 * copying out may fault and sleep while the tables change under us.
 */
#include "fs.h"
#include "lib.h"
#include "mm.h"
#include "proc.h"
#include "hako/errno.h"
#include "vm.h"
#include "fs/proc/internal.h"

#define ENTRY_BYTES 8
#define CHUNK_ENTRIES 32
#define PM_PRESENT (1u << 31)      /* bit 63, in the high word */
#define PM_SWAPPED (1u << 30)      /* bit 62 */
#define PM_FILE (1u << 29)         /* bit 61 */
#define PM_EXCLUSIVE (1u << 24)    /* bit 56 */

/* The entry of va in mm: low and high words. */
static void entry_of(struct mm *mm, u32 va, int show_pfn, u32 *low, u32 *high) {
  pte_t *pte = pgdir_walk(mm->pgdir, va, 0);
  *low = 0;
  *high = 0;
  if (pte == NULL || *pte == 0) return;
  if (*pte & PTE_P) {
    u32 pfn = PTE_ADDR(*pte) >> PAGE_SHIFT;
    struct page *pg = pfn < total_frames ? pfn_to_page(pfn) : NULL;
    *high = PM_PRESENT;
    if (pg && (pg->flags & PG_CACHE)) *high |= PM_FILE;
    if (pg && pg->mapcount == 1) *high |= PM_EXCLUSIVE;
    if (show_pfn) *low = pfn;
  } else if (*pte & PTE_SWAP) {
    *high = PM_SWAPPED;
    *low = (*pte >> 12) << 5;   /* type 0, the slot from bit 5 */
  }
}

int procfs_read_pagemap(struct inode *ip, u32 offset, char *dst, u32 n, int user) {
  struct proc *p = proc_of(ip, 1);
  struct mm *mm;
  u32 words[2 * CHUNK_ENTRIES];
  u32 end = (USER_TOP >> PAGE_SHIFT) * ENTRY_BYTES;
  u32 done = 0;
  int show_pfn = current->uid == 0;
  int err = 0;
  if ((offset % ENTRY_BYTES) != 0 || (n % ENTRY_BYTES) != 0) return -EINVAL;
  if (p == NULL || p->mm == NULL) return 0;
  if (!procfs_may_access(p)) return -EACCES;
  if (offset >= end) return 0;
  if (n > end - offset) n = end - offset;
  mm = p->mm;
  mm->refcount++;   /* copying out may sleep while p exits */
  while (done < n) {
    u32 count = MIN((n - done) / ENTRY_BYTES, CHUNK_ENTRIES);
    u32 page = (offset + done) / ENTRY_BYTES;
    u32 i;
    for (i = 0; i < count; i++) entry_of(mm, (page + i) << PAGE_SHIFT, show_pfn, &words[2 * i], &words[2 * i + 1]);
    if (user) {
      if (copyout(dst + done, words, count * ENTRY_BYTES) != 0) {
        err = -EFAULT;
        break;
      }
    } else {
      memcpy(dst + done, words, count * ENTRY_BYTES);
    }
    done += count * ENTRY_BYTES;
  }
  mm_destroy(mm);   /* our reference */
  return done > 0 ? (int)done : err;
}
