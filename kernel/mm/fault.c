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
 * (mm/swap.c), a missing page of a file VMA to filemap_fault
 * (mm/filemap.c). Results: 0, -EFAULT (invalid access: SIGSEGV), -EIO
 * (a file page past EOF or unreadable: SIGBUS where trap.c maps it).
 */
#include "filemap.h"
#include "lib.h"
#include "mm.h"
#include "param.h"
#include "printk.h"
#include "swap.h"
#include "hako/errno.h"
#include "trap.h"
#include "vm.h"

static int fault_in_anon(struct mm *mm, struct vm_area *v, u32 page_va) {
  struct page *p = alloc_user_page();
  u32 flags = v->prot ? PTE_U : 0;
  if (p == NULL) return -ENOMEM;
  p->flags |= PG_ANON;
  p->mapping = mm;
  p->index = page_va >> PAGE_SHIFT;
  memset(page_address(p), 0, PAGE_SIZE);
  if (v->prot & VM_WRITE) flags |= PTE_W;
  if (map_page(mm->pgdir, page_va, page_to_phys(p), flags) != 0) {
    put_page(p);
    return -ENOMEM;
  }
  p->mapcount = 1;
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
    if (fault_in_anon(mm, v, va) != 0) return -ENOMEM;
  }
  return 0;
}

/* Gives this mm a writable private frame at page_va, whose PTE is a
 * present PTE_COW entry. */
static int break_cow(struct mm *mm, u32 page_va, pte_t *pte) {
  struct page *old = pfn_to_page(*pte >> PAGE_SHIFT);
  struct page *p;
  if (old->refcount == 1 && !(old->flags & PG_CACHE)) {
    /* Nobody else holds the frame: no copy needed. (A page-cache page
     * always has the cache's reference too, so it is never taken over:
     * a private write must not change the file.) */
    old->flags |= PG_ANON;
    old->mapping = mm;
    old->index = page_va >> PAGE_SHIFT;
    *pte = (*pte & ~(pte_t)PTE_COW) | PTE_W;
    flush_tlb_page(mm, page_va);
    mm->page_faults++;
    return 0;
  }
  /* alloc_user_page may sleep in reclaim: pin the old frame so reclaim
   * leaves it alone, and look at the PTE again afterwards. */
  get_page(old);
  p = alloc_user_page();
  if (p == NULL) {
    put_page(old);
    return -ENOMEM;
  }
  if (!(*pte & PTE_P) || PTE_ADDR(*pte) != page_to_phys(old)) {
    put_page(p);
    put_page(old);
    return 0;   /* changed while we slept: the access is retried */
  }
  p->flags |= PG_ANON;
  p->mapping = mm;
  p->index = page_va >> PAGE_SHIFT;
  p->mapcount = 1;
  memcpy(page_address(p), page_address(old), PAGE_SIZE);
  *pte = page_to_phys(p) | ((*pte & ~(pte_t)PTE_COW) & 0xFFFu) | PTE_W;
  flush_tlb_page(mm, page_va);
  old->mapcount--;
  put_page(old);
  put_page(old);
  mm->page_faults++;
  return 0;
}

/* Every user page fault taken, valid or not (Linux's pgfault): read by
 * /proc/vmstat. */
u32 vm_stat_pgfault;

int handle_mm_fault(struct mm *mm, u32 addr, u32 err) {
  struct vm_area *v;
  pte_t *pte;
  u32 page_va = addr & PAGE_MASK;
  vm_stat_pgfault++;
  if (mm == NULL || addr >= USER_TOP) return -EFAULT;
  v = vma_find(mm, addr);
  if (v == NULL) {
    /* Grow the stack down if the address is in its reach. */
    struct vm_area *next = vma_first_after(mm, addr);
    if (next == NULL || !(next->flags & VM_GROWSDOWN)) return -EFAULT;
    if (mm->start_stack - page_va > USER_STACK_MAX) return -EFAULT;
    if (vma_overlaps(mm, page_va, next->start)) return -EFAULT;
    next->start = page_va;
    v = next;
  }
  if ((err & PF_WRITE) && !(v->prot & VM_WRITE)) return -EFAULT;
  if (!(err & PF_WRITE) && !(v->prot & (VM_READ | VM_EXEC))) return -EFAULT;
  pte = pgdir_walk(mm->pgdir, page_va, 0);
  if (pte != NULL && (*pte & PTE_P)) {
    /* Present and the VMA allows the access: a shared COW page, or else a
     * stale TLB entry. */
    if ((err & PF_WRITE) && !(*pte & PTE_W)) {
      if (!(*pte & PTE_COW)) return -EFAULT;
      return break_cow(mm, page_va, pte) == 0 ? 0 : -EFAULT;
    }
    flush_tlb_page(mm, page_va);
    return 0;
  }
  if (pte != NULL && IS_SWAP_ENTRY(*pte)) return swap_in_fault(mm, v, page_va, pte, err);
  if (v->file != NULL) {
    /* Past the end of the file, or a read error: Linux's SIGBUS (-EIO). */
    int r = filemap_fault(mm, v, page_va, err);
    if (r == -EFAULT || r == -EIO) return -EIO;
    return r == 0 ? 0 : -EFAULT;
  }
  if (fault_in_anon(mm, v, page_va) != 0) return -EFAULT;
  return 0;
}
