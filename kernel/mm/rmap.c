/*
 * rmap.c — reverse mapping: from a frame to every PTE that maps it, which
 * reclaim needs to test the Accessed bits and to unmap a page everywhere.
 *
 * There is no per-frame list of mappers; the frame's own fields say where
 * to look:
 *   anonymous (PG_ANON): index = its virtual page number. Fork keeps
 *     addresses, and nothing moves a page to another address, so every
 *     mapper maps it at va = index << 12: look at that PTE in every
 *     process's page directory and keep the ones that point at this frame.
 *   page cache (PG_CACHE): mapping = the inode, index = the file page. A
 *     VMA of that file covering the page maps it at
 *     va = start + (index - pgoff) pages.
 * The walk visits only address spaces attached to a process; an mm under
 * construction (exec) is invisible. Callers therefore compare the number of
 * PTEs found with page->mapcount and leave the page alone when they differ.
 * Nothing here sleeps, so a walk and the changes made from it are atomic
 * with respect to other processes (the kernel is not preemptible); page
 * tables are never changed from interrupt handlers.
 */
#include "file.h"
#include "fs.h"
#include "list.h"
#include "mm.h"
#include "proc.h"
#include "rmap.h"
#include "swap.h"
#include "vm.h"

/* Calls fn on each PTE of mm that holds `match` (a present frame address
 * for mapped pages, a whole swap entry otherwise) at the page's address(es). */
static u32 walk_mm(struct mm *mm, struct page *p, pte_t match, int whole_entry, rmap_fn fn, void *arg) {
  u32 found = 0;
  if (p->flags & PG_ANON) {
    u32 va = p->index << PAGE_SHIFT;
    struct vm_area *v;
    pte_t *pte;
    if (va >= USER_TOP) return 0;
    pte = pgdir_walk(mm->pgdir, va, 0);
    if (pte == NULL) return 0;
    if (whole_entry ? *pte != match : (!(*pte & PTE_P) || PTE_ADDR(*pte) != match)) return 0;
    v = vma_find(mm, va);
    if (v == NULL) return 0;
    fn(mm, v, va, pte, p, arg);
    return 1;
  }
  if (p->flags & PG_CACHE) {
    struct vm_area *v;
    for (v = mm->vmas; v; v = v->next) {
      u32 va;
      pte_t *pte;
      if (v->file == NULL || (void *)v->file->inode != p->mapping) continue;
      if (p->index < v->pgoff || p->index - v->pgoff >= (v->end - v->start) >> PAGE_SHIFT) continue;
      va = v->start + ((p->index - v->pgoff) << PAGE_SHIFT);
      pte = pgdir_walk(mm->pgdir, va, 0);
      if (pte == NULL) continue;
      if (whole_entry ? *pte != match : (!(*pte & PTE_P) || PTE_ADDR(*pte) != match)) continue;
      fn(mm, v, va, pte, p, arg);
      found++;
    }
  }
  return found;
}

static int walkable(struct proc *q) {
  return q->mm != NULL && q->state != P_UNUSED && q->state != P_ZOMBIE;
}

/* The owner named by page->mapping (the mm that last faulted an anonymous
 * page in) is looked at first: usually it is the only mapper, and a walk
 * that has found `limit` PTEs can stop, since mapcount counts them all.
 * The pointer is only compared, never followed, until a live process is
 * seen to own it. */
static u32 walk(struct page *p, pte_t match, int whole_entry, rmap_fn fn, void *arg, u32 limit) {
  struct list_head *n;
  struct mm *first = NULL;
  u32 found = 0;
  for (n = all_procs.next; n != &all_procs; n = n->next) {
    struct proc *q = list_entry(n, struct proc, all_node);
    if (walkable(q) && (void *)q->mm == p->mapping) {
      first = q->mm;
      found = walk_mm(first, p, match, whole_entry, fn, arg);
      break;
    }
  }
  for (n = all_procs.next; n != &all_procs && found < limit; n = n->next) {
    struct proc *q = list_entry(n, struct proc, all_node);
    if (!walkable(q) || q->mm == first) continue;
    found += walk_mm(q->mm, p, match, whole_entry, fn, arg);
  }
  return found;
}

u32 rmap_walk(struct page *p, rmap_fn fn, void *arg) {
  /* Callbacks may lower mapcount as they go: the limit is taken first. */
  return walk(p, page_to_phys(p), 0, fn, arg, (u32)p->mapcount);
}

u32 rmap_walk_entry(struct page *p, pte_t entry, rmap_fn fn, void *arg) {
  return walk(p, entry, 1, fn, arg, 0xFFFFFFFFu);
}

/* ---- The uses reclaim makes of it. ---- */

static void note_young(struct mm *mm, struct vm_area *v, u32 va, pte_t *pte, struct page *p, void *arg) {
  u32 *young = (u32 *)arg;
  (void)v; (void)p;
  if (*pte & PTE_A) {
    /* Clear A and drop the cached translation, so the next access sets A
     * again in the walk: that is the second chance. */
    *pte = *pte & ~(pte_t)PTE_A;
    flush_tlb_page(mm, va);
    *young = *young + 1;
  }
}

u32 rmap_scan(struct page *p, u32 *young) {
  *young = 0;
  return rmap_walk(p, note_young, young);
}

static void to_swap_entry(struct mm *mm, struct vm_area *v, u32 va, pte_t *pte, struct page *p, void *arg) {
  pte_t entry = *(pte_t *)arg;
  (void)v;
  /* A write through a shared mapping makes the swap copy the one to keep. */
  if (*pte & PTE_D) p->flags |= PG_DIRTY;
  *pte = entry;
  flush_tlb_page(mm, va);
  swap_slot_get(SWAP_SLOT(entry));
  mm->swap_pages++;
  mm->rss--;
  p->mapcount--;
  put_page(p);
}

void rmap_unmap_to_swap(struct page *p, pte_t entry) {
  rmap_walk(p, to_swap_entry, &entry);
}

static void unmap_file_pte(struct mm *mm, struct vm_area *v, u32 va, pte_t *pte, struct page *p, void *arg) {
  (void)v; (void)arg;
  if (*pte & PTE_D) p->flags |= PG_DIRTY;
  *pte = 0;
  flush_tlb_page(mm, va);
  mm->rss--;
  p->mapcount--;
  put_page(p);
}

void rmap_unmap_file(struct page *p) {
  rmap_walk(p, unmap_file_pte, NULL);
}

static void back_from_entry(struct mm *mm, struct vm_area *v, u32 va, pte_t *pte, struct page *p, void *arg) {
  pte_t entry = *(pte_t *)arg;
  pte_t flags = PTE_P | PTE_U;
  /* As fork would have left it: writable only in a shared writable area,
   * otherwise copy-on-write, and break_cow takes the frame over without a
   * copy when this turns out to be its only holder. */
  if (v->flags & VM_SHARED) {
    if (v->prot & VM_WRITE) flags |= PTE_W;
  } else {
    flags |= PTE_COW;
  }
  get_page(p);
  p->mapcount++;
  *pte = page_to_phys(p) | flags;
  flush_tlb_page(mm, va);
  mm->swap_pages--;
  mm->rss++;
  swap_entry_free(entry);
}

void rmap_remap_from_swap(struct page *p, pte_t entry) {
  rmap_walk_entry(p, entry, back_from_entry, &entry);
}
