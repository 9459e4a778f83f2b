/*
 * swap.c — the swap device: disk 1 ("/dev/hdb") in 4 KiB slots, their
 * bitmap and reference counts, swapon/swapoff, and the totals /proc shows.
 *
 * Slot s is block s of disk 1; slot 0 is the header and never holds a page
 * (slot number 0 means "no slot" to callers, and the size shown is the
 * disk minus one page, as on Linux). Two maps:
 *   used_bitmap  one bit per slot: set when the slot may not be handed out
 *                (the header, a slot in use, a bad slot); the allocator
 *                scans it a word at a time from a rotating cursor.
 *   slot_map     per slot: its count = PTEs holding it + 1 while the swap
 *                cache (swap_state.c) has it; SLOT_LOST marks a slot whose
 *                data never reached the disk or could not be read back;
 *                SLOT_BAD a slot that failed and is never used again.
 * Invariants: outside the header, a bit is clear exactly when the map
 * entry is 0 (bits past the last slot are always set);
 * slots_used == slots with a non-zero count; a slot whose count drops to 0
 * is free again, unless it was lost, then it turns bad (and stays bad
 * across swapoff/swapon). Only process context touches these maps, and
 * nothing here sleeps except swap_io and swapoff, so no lock is needed.
 *
 * swapon/swapoff accept only "/dev/hdb" (EINVAL otherwise), need uid 0
 * (EPERM); swapon of active swap is EBUSY, without disk 1 ENXIO; swapoff
 * of inactive swap is EINVAL. Swap comes on at boot when disk 1 exists.
 * swapoff first checks that what is in swap fits in RAM (free frames above
 * pages_min plus the page cache), else ENOMEM; then it stops swap-outs and
 * brings every swapped page of every process back in; if that cannot
 * finish (no memory after all) it fails with ENOMEM and swap stays on; a
 * page whose slot cannot be read makes it fail with EIO (that process gets
 * SIGBUS when it touches the page).
 */
#include "arch.h"
#include "buf.h"
#include "filemap.h"
#include "gen/syscall_table.h"
#include "hako/errno.h"
#include "lib.h"
#include "mm.h"
#include "printk.h"
#include "proc.h"
#include "swap.h"
#include "vm.h"

#define SWAP_DEV 1
#define SWAP_PATH "/dev/hdb"
#define SLOT_COUNT_MASK 0x7FFFu
#define SLOT_LOST 0x8000u
#define SLOT_BAD 0xFFFFu
/* A failing device (a full IndexedDB quota) fails every write: log the
 * first errors, then one in SWAP_LOG_EVERY, so the console stays usable. */
#define SWAP_LOG_FIRST 16
#define SWAP_LOG_EVERY 256

static u32 nslots;          /* slots on the device (its blocks), 0 without disk 1 */
static u16 *slot_map;
static u32 *used_bitmap;
static u32 cursor;          /* next bitmap word the allocator looks at */
static u32 slots_used;      /* slots with a count */
static u32 slots_bad;
static int swap_active;     /* swapon'd */
static int swap_draining;   /* swapoff in progress: no new slots */

u32 vm_stat_pgmajfault;
u32 vm_stat_pswpin;
u32 vm_stat_pswpout;
u32 vm_stat_oom_kill;

/* Plain assignments: our cc miscompiles `a[i >> 5] |= m` with a variable m. */
static void set_used(u32 slot) {
  u32 word = slot >> 5;
  u32 mask = 1u << (slot & 31);
  used_bitmap[word] = used_bitmap[word] | mask;
}
static void clear_used(u32 slot) {
  u32 word = slot >> 5;
  u32 mask = 1u << (slot & 31);
  used_bitmap[word] = used_bitmap[word] & ~mask;
}

static int slot_ok(u32 slot) {
  return slot != 0 && slot < nslots && slot_map != NULL && slot_map[slot] != SLOT_BAD;
}

void swap_init(void) {
  u32 blocks = disk_blocks(SWAP_DEV);
  u32 words;
  if (blocks < 2) return;
  nslots = blocks > SWAP_MAX_SLOTS ? SWAP_MAX_SLOTS : blocks;
  words = (nslots + 31) / 32;
  slot_map = (u16 *)kmalloc(nslots * 2);
  used_bitmap = (u32 *)kmalloc(words * 4);
  if (slot_map == NULL || used_bitmap == NULL) {
    printk(KERN_ERR, "swap: no memory for the maps of %u slots", nslots);
    if (slot_map) kfree(slot_map);
    if (used_bitmap) kfree(used_bitmap);
    slot_map = NULL;
    used_bitmap = NULL;
    nslots = 0;
    return;
  }
  /* Bits past the end are "used", so the allocator never hands them out. */
  if (nslots & 31) used_bitmap[words - 1] = ~0u << (nslots & 31);
  set_used(0);
  swap_active = 1;
  printk(KERN_INFO, "Adding %uk swap on %s.  Priority:-2 extents:1 across:%uk", (nslots - 1) * 4, SWAP_PATH,
         (nslots - 1) * 4);
}

u32 swap_total_pages(void) {
  return swap_active ? nslots - 1 : 0;
}

u32 swap_free_pages(void) {
  return swap_active ? nslots - 1 - slots_used - slots_bad : 0;
}

int swap_log_ok(u32 count) {
  return count <= SWAP_LOG_FIRST || count % SWAP_LOG_EVERY == 0;
}

int swap_writable(void) {
  return swap_active && !swap_draining;
}

u32 swap_slot_alloc(void) {
  u32 words, i;
  if (!swap_active || swap_draining) return 0;
  words = (nslots + 31) / 32;
  for (i = 0; i < words; i++) {
    u32 w = (cursor + i) % words;
    u32 bits = used_bitmap[w];
    u32 b;
    if (bits == ~0u) continue;
    for (b = 0; b < 31; b++) {
      if (((bits >> b) & 1u) == 0) break;
    }
    cursor = w;
    set_used(w * 32 + b);
    slot_map[w * 32 + b] = 1;
    slots_used++;
    return w * 32 + b;
  }
  return 0;
}

void swap_slot_get(u32 slot) {
  if (!slot_ok(slot) || (slot_map[slot] & SLOT_COUNT_MASK) == 0) return;
  if ((slot_map[slot] & SLOT_COUNT_MASK) == SLOT_COUNT_MASK - 1) {
    printk(KERN_ERR, "swap: slot %u has too many references", slot);
    return;
  }
  slot_map[slot] = slot_map[slot] + 1;
}

u32 swap_slot_count(u32 slot) {
  return slot_ok(slot) ? slot_map[slot] & SLOT_COUNT_MASK : 0;
}

int swap_slot_lost(u32 slot) {
  return !slot_ok(slot) || (slot_map[slot] & SLOT_LOST) != 0;
}

void swap_slot_mark_lost(u32 slot) {
  if (slot_ok(slot)) slot_map[slot] = slot_map[slot] | SLOT_LOST;
}

/* Drops one reference; at 0 the slot is free again, or bad if it failed. */
void swap_slot_put(u32 slot) {
  u32 count;
  if (!slot_ok(slot) || (slot_map[slot] & SLOT_COUNT_MASK) == 0) {
    printk(KERN_ERR, "swap: free of unused slot %u", slot);
    return;
  }
  slot_map[slot] = slot_map[slot] - 1;
  count = slot_map[slot] & SLOT_COUNT_MASK;
  if (count != 0) return;
  slots_used--;
  if (slot_map[slot] & SLOT_LOST) {
    slot_map[slot] = SLOT_BAD;
    slots_bad++;
    if (swap_log_ok(slots_bad)) {
      printk(KERN_WARNING, "swap: slot %u of %s is bad and will not be used again (%u bad slots)", slot, SWAP_PATH,
             slots_bad);
    }
  } else {
    slot_map[slot] = 0;
    clear_used(slot);
  }
}

void swap_entry_free(pte_t entry) {
  u32 slot = SWAP_SLOT(entry);
  swap_slot_put(slot);
  /* Only the swap cache still holds the slot: nobody will look the page
   * up again, so the cache lets go of slot and frame. A locked page is
   * in I/O; its owner drops it when done. */
  if (swap_slot_count(slot) == 1) {
    struct page *p = swap_cache_lookup(slot);
    if (p != NULL && !(p->flags & PG_LOCKED)) swap_cache_drop(p);
  }
}

void swap_entry_dup(pte_t entry) {
  swap_slot_get(SWAP_SLOT(entry));
}

int swap_io(u32 slot, struct page *p, int write) {
  struct buf b;
  if (!slot_ok(slot)) return -EIO;
  memset(&b, 0, sizeof b);
  b.dev = SWAP_DEV;
  b.blockno = slot;
  b.data = (char *)page_address(p);
  return disk_rw(&b, write);
}

/* ---- swapon / swapoff ---- */

static int check_path(const char *user_path) {
  char path[32];
  int n;
  if (current->uid != 0) return -EPERM;
  n = strncpy_from_user(path, user_path, sizeof path);
  if (n == -ENAMETOOLONG) return -EINVAL;
  if (n < 0) return n;
  if (strcmp(path, SWAP_PATH) != 0) return -EINVAL;
  return 0;
}

int sys_swapon(const char *path, int flags) {
  int err = check_path(path);
  (void)flags;
  if (err) return err;
  if (swap_active) return -EBUSY;
  if (nslots == 0) {
    swap_init();
    if (nslots == 0) return -ENXIO;
    return 0;
  }
  swap_active = 1;
  printk(KERN_INFO, "Adding %uk swap on %s.  Priority:-2 extents:1 across:%uk", (nslots - 1 - slots_bad) * 4,
         SWAP_PATH, (nslots - 1) * 4);
  return 0;
}

/* The next process after pid `after` (in pid order) that has an mm. */
static struct proc *next_proc_with_mm(int after) {
  struct list_head *n;
  struct proc *best = NULL;
  for (n = all_procs.next; n != &all_procs; n = n->next) {
    struct proc *q = list_entry(n, struct proc, all_node);
    if (q->mm == NULL || q->pid <= after || q->state == P_UNUSED || q->state == P_ZOMBIE) continue;
    if (best == NULL || q->pid < best->pid) best = q;
  }
  return best;
}

/* Brings every swap entry of one process back; the process may exit or
 * exec while we sleep, so after each swap-in it is looked up again.
 * 0, or the error that stopped it. */
static int drain_process(int pid, struct mm *mm) {
  u32 va = 0;
  for (;;) {
    struct proc *q = proc_find(pid);
    struct vm_area *v;
    pte_t *pte;
    int err;
    if (q == NULL || q->mm != mm) return 0;
    v = vma_first_after(mm, va);
    if (v == NULL) return 0;
    if (va < v->start) va = v->start;
    if ((mm->pgdir[PDX(va)] & PTE_P) == 0) {
      va = (va & 0xFFC00000u) + 0x400000u;
      if (va == 0 || va >= USER_TOP) return 0;
      continue;
    }
    pte = pgdir_walk(mm->pgdir, va, 0);
    if (pte != NULL && IS_SWAP_ENTRY(*pte)) {
      err = swap_in_entry(mm, v, va, 0);
      if (err) return err;
      continue;   /* look at the same page again: it must be present now */
    }
    va += PAGE_SIZE;
    if (va == 0 || va >= USER_TOP) return 0;
  }
}

int sys_swapoff(const char *path) {
  int err = check_path(path);
  int pass;
  if (err) return err;
  if (!swap_active || swap_draining) return -EINVAL;
  /* Everything in swap must fit in RAM (free frames above the kernel's
   * reserve, plus the page cache, which reclaim can drop); otherwise say
   * so now instead of waking the OOM killer. */
  if (slots_used + pages_min > free_frames() + pagecache_nr_pages) return -ENOMEM;
  swap_draining = 1;
  for (pass = 0; pass < 4 && slots_used > 0; pass++) {
    int pid = 0;
    struct proc *q;
    while ((q = next_proc_with_mm(pid)) != NULL) {
      pid = q->pid;
      err = drain_process(pid, q->mm);
      if (err) {
        swap_draining = 0;
        return err == -EIO ? -EIO : -ENOMEM;
      }
    }
  }
  swap_draining = 0;
  /* Entries in an address space no process owns yet (an exec in
   * progress) cannot be reached: give up rather than lose them. */
  if (slots_used > 0) return -ENOMEM;
  swap_active = 0;
  return 0;
}
