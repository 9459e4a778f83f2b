/*
 * fault.c — resolving page faults against the VMAs of an address space.
 *
 * handle_mm_fault decides from the VMA alone whether an access is legal:
 * no VMA (except just below a VM_GROWSDOWN stack, within its limit), a write
 * to a non-writable area or a read of a PROT_NONE area is invalid
 * (-EFAULT); the caller turns that into SIGSEGV for a user access or the
 * user-copy fixup for a kernel access. A legal access to a missing page of
 * an anonymous area gets a zeroed frame (a minor fault). A legal write to a
 * present PTE_COW page breaks the sharing (break_cow): the last holder of
 * the frame takes it over, anyone else gets a private copy. Kernel writes
 * through copyout reach here too (CR0.WP is on), so they break COW instead
 * of failing with EFAULT. A not-present swap entry goes to swap_in_fault
 * (mm/swap_state.c), a missing page of a file VMA to filemap_fault
 * (mm/filemap.c). Results: 0, -EFAULT (invalid access: SIGSEGV), -EIO
 * (a file page past EOF, a file or swap page unreadable: SIGBUS, trap.c),
 * -ENOMEM from a swap-in that found no frame (SIGSEGV). The common case,
 * a missing anonymous page whose page table exists, is kept on one short
 * path (the minor-fault benchmark's budget: docs/performance.md).
 */
#include "arch.h"
#include "filemap.h"
#include "lib.h"
#include "mm.h"
#include "param.h"
#include "printk.h"
#include "proc.h"
#include "swap.h"
#include "hako/errno.h"
#include "trap.h"
#include "vm.h"

/* The hot paths below do frame arithmetic inline: our compiler calls
 * INLINE helpers like page_address as functions, which costs a minor fault
 * more than the TLB walk does. */
#define FRAME_PAGE(e) (page_array + ((e) >> PAGE_SHIFT))
#define PAGE_PFN(p) ((u32)((p) - page_array))
#define PFN_KVA(pfn) ((void *)(KERNBASE + ((pfn) << PAGE_SHIFT)))

void clear_page(void *kva);                  /* pageops.s */
void copy_page(void *dst, const void *src);

/* A zeroed frame for the missing page at page_va of anonymous area v; pte
 * is its slot, or NULL when the page table does not exist yet. */
static int fault_in_anon(struct mm *mm, struct vm_area *v, u32 page_va, pte_t *pte) {
  struct page *p;
  u32 pfn;
  u32 flags = v->prot ? PTE_U | PTE_P : PTE_P;
  if (pte == NULL) {
    pte = pgdir_walk(mm->pgdir, page_va, 1);
    if (pte == NULL) return -ENOMEM;
  }
  p = alloc_user_page();
  if (p == NULL) return -ENOMEM;
  p->flags |= PG_ANON;
  p->mapping = mm;
  p->index = page_va >> PAGE_SHIFT;
  p->mapcount = 1;
  pfn = PAGE_PFN(p);
  clear_page(PFN_KVA(pfn));
  if (v->prot & VM_WRITE) flags |= PTE_W;
  *pte = (pfn << PAGE_SHIFT) | flags;
  mm->rss++;
  mm->page_faults++;
  return 0;
}

/* Makes every page of a MAP_SHARED anonymous area present (fork calls it
 * before sharing the area: a page first touched after fork must be the
 * same frame for both, and there is no shared object to find it by).
 * 0 or -ENOMEM. */
int populate_shared_anon(struct mm *mm, struct vm_area *v) {
  u32 va;
  for (va = v->start; va < v->end; va += PAGE_SIZE) {
    pte_t *pte = pgdir_walk(mm->pgdir, va, 0);
    if (pte != NULL && (*pte & (PTE_P | PTE_SWAP))) continue;
    if (fault_in_anon(mm, v, va, pte) != 0) return -ENOMEM;
  }
  return 0;
}

/* Gives this mm a writable private frame at page_va, whose PTE is a
 * present PTE_COW entry. */
static int break_cow(struct mm *mm, u32 page_va, pte_t *pte) {
  struct page *old = FRAME_PAGE(*pte);
  struct page *p;
  pte_t entry;
  u32 pfn;
  if (old->refcount == 1 && !(old->flags & PG_CACHE)) {
    /* Nobody else holds the frame: no copy needed. (A page-cache page
     * always has the cache's reference too, so it is never taken over:
     * a private write must not change the file.) */
    old->flags |= PG_ANON;
    old->mapping = mm;
    old->index = page_va >> PAGE_SHIFT;
    *pte = (*pte & ~(pte_t)PTE_COW) | PTE_W;
    invlpg(page_va);
    mm->page_faults++;
    return 0;
  }
  /* alloc_user_page may sleep in reclaim, which may swap the old frame
   * out from under this PTE: pin the frame, and if the PTE is not what it
   * was afterwards, let the access fault again. */
  entry = *pte;
  get_page(old);
  p = alloc_user_page();
  if (p == NULL || *pte != entry) {
    if (p != NULL) put_page(p);
    put_page(old);
    return p == NULL ? -ENOMEM : 0;
  }
  put_page(old);            /* the PTE's reference still holds it */
  p->flags |= PG_ANON;
  p->mapping = mm;
  p->index = page_va >> PAGE_SHIFT;
  p->mapcount = 1;
  pfn = PAGE_PFN(p);
  copy_page(PFN_KVA(pfn), PFN_KVA(entry >> PAGE_SHIFT));
  *pte = (pfn << PAGE_SHIFT) | ((*pte & ~(pte_t)PTE_COW) & 0xFFFu) | PTE_W;
  invlpg(page_va);
  old->mapcount--;
  put_page(old);
  mm->page_faults++;
  return 0;
}

/* ptrace's POKEDATA (Linux's FOLL_FORCE write): the page at va of mm made
 * present and private to mm, so the caller may write it through the direct
 * map. A page of a read-only area (program text) is given a private copy
 * and stays read-only; the frames other processes share (fork's copy, the
 * page cache) are never written. 0, -EFAULT (no area there), -ENOMEM. */
int mm_make_private(struct mm *mm, u32 va) {
  struct vm_area *v = vma_find(mm, va);
  u32 page_va = va & PAGE_MASK;
  pte_t *pte;
  int faults = 0;
  if (v == NULL) return -EFAULT;
  for (;;) {
    pte = pgdir_walk(mm->pgdir, page_va, 0);
    if (pte != NULL && (*pte & PTE_P)) break;
    if (++faults > 2 || handle_mm_fault(mm, page_va, PF_USER) != 0) return -EFAULT;
  }
  if (*pte & PTE_W) return 0;
  if (break_cow(mm, page_va, pte) != 0) return -ENOMEM;
  if (!(*pte & PTE_P)) return -EFAULT;   /* reclaim took it meanwhile: the caller retries */
  if (!(v->prot & VM_WRITE)) *pte &= ~(pte_t)PTE_W;
  return 0;
}

/* Every user page fault taken, valid or not (Linux's pgfault): read by
 * /proc/vmstat. */
u32 vm_stat_pgfault;

/* The VMA for a fault at addr that is not the cached one: a lookup, or
 * the stack growing down to it. NULL when there is none. */
static struct vm_area *fault_vma_lookup(struct mm *mm, u32 addr) {
  struct vm_area *v = vma_find(mm, addr);
  u32 page_va = addr & PAGE_MASK;
  if (v == NULL) {
    /* Grow the stack down if the address is in its reach. */
    struct vm_area *next = vma_first_after(mm, addr);
    if (next == NULL || !(next->flags & VM_GROWSDOWN)) return NULL;
    if (mm->start_stack - page_va > mm->stack_limit) return NULL;   /* RLIMIT_STACK: SIGSEGV */
    if (rlimit_may_expand(mm, next->start - page_va, 0) != 0) return NULL;   /* RLIMIT_AS */
    if (vma_overlaps(mm, page_va, next->start)) return NULL;
    next->start = page_va;
    v = next;
  }
  mm->fault_vma = v;
  return v;
}

/* Everything but the common case: a present page (COW or a stale TLB
 * entry), a swap entry, a file page, a missing page table. */
static int fault_other(struct mm *mm, struct vm_area *v, u32 page_va, pte_t *pte, u32 err) {
  if (pte != NULL && (*pte & PTE_P)) {
    if ((err & PF_WRITE) && !(*pte & PTE_W)) {
      if (!(*pte & PTE_COW)) return -EFAULT;
      return break_cow(mm, page_va, pte) == 0 ? 0 : -EFAULT;
    }
    invlpg(page_va);
    return 0;
  }
  if (pte != NULL && IS_SWAP_ENTRY(*pte)) return swap_in_fault(mm, v, page_va, pte, err);
  if (v->file != NULL) {
    /* Past the end of the file, or a read error: Linux's SIGBUS (-EIO). */
    int r = filemap_fault(mm, v, page_va, err);
    if (r == -EFAULT || r == -EIO) return -EIO;
    return r == 0 ? 0 : -EFAULT;
  }
  return fault_in_anon(mm, v, page_va, pte) == 0 ? 0 : -EFAULT;
}

int handle_mm_fault(struct mm *mm, u32 addr, u32 err) {
  struct vm_area *v;
  pte_t *pte;
  pde_t pde;
  struct page *p;
  u32 pfn, flags;
  vm_stat_pgfault++;
  if (mm == NULL || addr >= USER_TOP) return -EFAULT;
  v = mm->fault_vma;
  if (v == NULL || addr < v->start || addr >= v->end) {
    v = fault_vma_lookup(mm, addr);
    if (v == NULL) return -EFAULT;
  }
  if (err & PF_WRITE) {
    if (!(v->prot & VM_WRITE)) return -EFAULT;
  } else if (!(v->prot & (VM_READ | VM_EXEC))) {
    return -EFAULT;
  }
  /* Faults happen in the faulting mm (current, or the kernel copying for
   * it); its page tables are reached through the direct map. */
  pde = mm->pgdir[addr >> 22];
  if (!(pde & PTE_P)) return fault_other(mm, v, addr & PAGE_MASK, NULL, err);
  pte = (pte_t *)(KERNBASE + (pde & PAGE_MASK)) + ((addr >> PAGE_SHIFT) & 0x3FF);
  if (*pte != 0 || v->file != NULL || v->prot == 0) return fault_other(mm, v, addr & PAGE_MASK, pte, err);
  /* The common case, kept straight: a missing page of anonymous memory
   * (fault_in_anon's work, inline). */
  p = alloc_user_page();
  if (p == NULL) return -EFAULT;
  p->flags |= PG_ANON;
  p->mapping = mm;
  p->index = addr >> PAGE_SHIFT;
  p->mapcount = 1;
  pfn = PAGE_PFN(p);
  clear_page(PFN_KVA(pfn));
  flags = PTE_U | PTE_P;
  if (v->prot & VM_WRITE) flags |= PTE_W;
  *pte = (pfn << PAGE_SHIFT) | flags;
  mm->rss++;
  mm->page_faults++;
  return 0;
}
