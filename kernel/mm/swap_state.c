/*
 * swap_state.c — the swap cache, swap-out of one page and swap-in on a
 * fault.
 *
 * The swap cache maps a slot to the frame that holds (or is about to
 * hold) its contents. A page is in it (PG_SWAPCACHE, private = slot, one
 * page reference and one slot count of its own) while
 *   - it is being written out or read in (PG_LOCKED: reclaim skips it,
 *     nobody frees it, faults on the slot wait for the unlock), or
 *   - it has been read in but other PTEs still hold the slot: they find
 *     this frame instead of reading a second copy, so a page shared before
 *     swap-out (COW after fork) comes back as ONE frame.
 * While cached the page is mapped copy-on-write (or writable and PG_DIRTY in
 * a MAP_SHARED area), so in a private area the frame never diverges from
 * its slot and can be dropped again without a write. When only the cache
 * still holds the slot, the entry is dropped (swap_entry_free) and the
 * slot freed.
 *
 * Swap-out (reclaim): take a slot, lock the page and cache it, turn every
 * PTE into the swap entry (rmap), write, unlock. A fault during the write
 * waits, then maps the cached frame again; if nobody did, the frame is
 * freed. A write error (reported by the device) puts the page back in
 * every PTE that still holds the entry, and the slot turns bad once free:
 * the page stays resident and the caller moves on. Swap-in reads into a
 * fresh locked frame; a read error logs, leaves the entry in place and
 * returns -EIO (SIGBUS for the process, see trap.c). Every sleep is
 * followed by a fresh look at the address space (swapoff works on other
 * processes, which may exit), the VMA and the PTE: the world moved
 * meanwhile. A page's waiters set PG_WAITERS, so unlocking wakes (a scan
 * of every process) only when somebody waits.
 */
#include "arch.h"
#include "hako/errno.h"
#include "lib.h"
#include "mm.h"
#include "printk.h"
#include "proc.h"
#include "rmap.h"
#include "swap.h"
#include "trap.h"
#include "vm.h"
#include "trace.h"

#define SWAP_HASH_SIZE 256

static struct page *swap_hash[SWAP_HASH_SIZE];
u32 swap_cache_pages;
static u32 write_errors, read_errors;

struct page *swap_cache_lookup(u32 slot) {
  struct page *p;
  for (p = swap_hash[slot & (SWAP_HASH_SIZE - 1)]; p; p = p->swap_next) {
    if (p->private == slot) return p;
  }
  return NULL;
}

/* The page's current reference and the slot's current count become the
 * cache's. */
static void cache_add(struct page *p, u32 slot) {
  struct page **head = &swap_hash[slot & (SWAP_HASH_SIZE - 1)];
  p->flags |= PG_SWAPCACHE;
  p->private = slot;
  p->swap_next = *head;
  *head = p;
  swap_cache_pages++;
}

void swap_cache_drop(struct page *p) {
  u32 slot = p->private;
  struct page **link = &swap_hash[slot & (SWAP_HASH_SIZE - 1)];
  while (*link && *link != p) link = &(*link)->swap_next;
  if (*link == NULL) return;
  *link = p->swap_next;
  p->swap_next = NULL;
  p->flags &= ~(PG_SWAPCACHE | PG_DIRTY);
  p->private = 0;
  swap_cache_pages--;
  swap_slot_put(slot);
  put_page(p);
}

static void unlock_page(struct page *p) {
  u32 flags = p->flags;
  p->flags = flags & ~(u32)(PG_LOCKED | PG_WAITERS);
  if (flags & PG_WAITERS) wakeup(p);   /* a wakeup scans every process */
}

/* Sleeps until p is unlocked; p is pinned meanwhile so it cannot be freed
 * and reused under us. */
static void wait_on_page(struct page *p) {
  u32 flags = irq_save();
  get_page(p);
  while (p->flags & PG_LOCKED) {
    p->flags |= PG_WAITERS;
    sleep_uninterruptible(p);
  }
  irq_restore(flags);
  put_page(p);
}

int swap_out_page(struct page *p) {
  u32 slot;
  int must_write;
  pte_t entry;
  /* During swapoff nothing goes out again, not even to its old slot. */
  if (!swap_writable()) return 0;
  if (p->flags & PG_SWAPCACHE) {
    /* Already has a copy in its slot: write only if a shared mapping
     * changed it since. */
    slot = p->private;
    must_write = (p->flags & PG_DIRTY) != 0;
  } else {
    slot = swap_slot_alloc();
    if (slot == 0) return 0;
    get_page(p);
    cache_add(p, slot);
    must_write = 1;
  }
  entry = SWAP_ENTRY(slot);
  p->flags |= PG_LOCKED;
  rmap_unmap_to_swap(p, entry);
  if (p->flags & PG_DIRTY) must_write = 1;
  if (must_write) {
    p->flags &= ~PG_DIRTY;
    if (swap_io(slot, p, 1) != 0) {
      write_errors++;
      if (swap_log_ok(write_errors)) {
        printk(KERN_ERR, "Write-error on swap-device (3:64:%u) (write error %u)", slot, write_errors);
      }
      swap_slot_mark_lost(slot);
      rmap_remap_from_swap(p, entry);
      unlock_page(p);
      /* Whoever still holds the entry (nobody, normally) will get -EIO. */
      swap_cache_drop(p);
      return 0;
    }
    vm_stat_pswpout++;
    trace2(TR_SWAP_OUT, slot, page_to_pfn(p));
  }
  unlock_page(p);
  if (p->mapcount > 0 || p->refcount != 1) {
    /* Faulted back in (or pinned) while the write was in flight: it stays,
     * cached while other entries hold the slot. */
    if (swap_slot_count(slot) == 1) swap_cache_drop(p);
    return 0;
  }
  swap_cache_drop(p);   /* the last reference: the frame is free */
  return 1;
}

/* Maps the cached, unlocked page p for the swap entry *pte at va. */
static void map_cached(struct mm *mm, struct vm_area *v, u32 va, pte_t *pte, struct page *p) {
  pte_t entry = *pte;
  u32 slot = SWAP_SLOT(entry);
  pte_t flags = PTE_P | PTE_U;
  /* Others: PTEs besides ours and the cache's count still hold the slot,
   * or other PTEs map the frame already. */
  int others = swap_slot_count(slot) > 2 || p->mapcount > 0;
  if (v->flags & VM_SHARED) {
    if (v->prot & VM_WRITE) {
      flags |= PTE_W;
      p->flags |= PG_DIRTY;   /* the slot's copy may go stale */
    }
  } else if (others) {
    flags |= PTE_COW;
  } else if (v->prot & VM_WRITE) {
    flags |= PTE_W;
  }
  get_page(p);
  p->mapcount++;
  p->mapping = mm;
  p->index = va >> PAGE_SHIFT;
  *pte = page_to_phys(p) | flags;
  flush_tlb_page(mm, va);
  mm->swap_pages--;
  mm->rss++;
  swap_entry_free(entry);   /* drops the cache entry too if we were the last holder */
}

/* Whether some live process still owns mm (swapoff works on other
 * processes' address spaces, which may go away while it sleeps). */
static int mm_attached(struct mm *mm) {
  struct list_head *n;
  if (current->mm == mm) return 1;
  for (n = all_procs.next; n != &all_procs; n = n->next) {
    struct proc *q = list_entry(n, struct proc, all_node);
    if (q->mm == mm && q->state != P_UNUSED && q->state != P_ZOMBIE) return 1;
  }
  return 0;
}

int swap_in_entry(struct mm *mm, struct vm_area *v, u32 va, int count_major) {
  pte_t entry;
  pte_t *pte = pgdir_walk(mm->pgdir, va, 0);
  if (pte == NULL || !IS_SWAP_ENTRY(*pte)) return 0;
  entry = *pte;
  for (;;) {
    u32 slot = SWAP_SLOT(entry);
    struct page *p;
    int err;
    /* After a sleep the address space, its VMAs and the PTE may all have
     * changed: look them up again. */
    if (!mm_attached(mm)) return 0;
    v = vma_find(mm, va);
    if (v == NULL) return 0;
    pte = pgdir_walk(mm->pgdir, va, 0);
    if (pte == NULL || *pte != entry) return 0;   /* someone resolved it: retry the access */
    if (swap_slot_count(slot) == 0) {
      printk(KERN_ERR, "swap: %s[%d] has a bad swap entry %x at %p", current->name, current->pid, entry, va);
      return -EIO;
    }
    p = swap_cache_lookup(slot);
    if (p != NULL) {
      if (p->flags & PG_LOCKED) {
        wait_on_page(p);
        continue;
      }
      map_cached(mm, v, va, pte, p);
      return 0;
    }
    if (swap_slot_lost(slot)) return -EIO;
    p = alloc_user_page();   /* may sleep in reclaim */
    if (p == NULL) return -ENOMEM;
    pte = pgdir_walk(mm->pgdir, va, 0);
    if (pte == NULL || *pte != entry || swap_cache_lookup(slot) != NULL) {
      put_page(p);
      continue;
    }
    p->flags |= PG_ANON | PG_LOCKED;
    p->mapping = mm;
    p->index = va >> PAGE_SHIFT;
    swap_slot_get(slot);
    cache_add(p, slot);
    err = swap_io(slot, p, 0);
    unlock_page(p);
    if (err) {
      read_errors++;
      if (swap_log_ok(read_errors)) {
        printk(KERN_ERR, "Read-error on swap-device (3:64:%u) (read error %u)", slot, read_errors);
      }
      swap_slot_mark_lost(slot);
      swap_cache_drop(p);
      return -EIO;
    }
    vm_stat_pswpin++;
    trace2(TR_SWAP_IN, slot, page_to_pfn(p));
    if (count_major) vm_stat_pgmajfault++;
  }
}

int swap_in_fault(struct mm *mm, struct vm_area *v, u32 va, pte_t *pte, u32 err) {
  (void)pte; (void)err;
  return swap_in_entry(mm, v, va, 1);
}
