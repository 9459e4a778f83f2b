/*
 * vm.c — page tables and address spaces.
 *
 * kvm_init builds kernel_pgdir: the direct map of usable RAM at KERNBASE
 * (global, supervisor, writable), nothing else, and loads it. Every user
 * page directory copies PDEs 768..1023 from it, so the kernel half is the
 * same page tables everywhere; kernel page tables are never freed.
 *
 * User page tables and frames belong to their struct mm: a user PTE holds a
 * reference on its frame (struct page refcount, mapcount), and unmapping
 * drops it. mm_copy duplicates an address space for fork by copy-on-write:
 * every present user page is shared by parent and child, read-only in both
 * with PTE_COW set, and the frame gains a reference and a mapping per PTE.
 * Invariant: a PTE_COW entry never has PTE_W; the first write to it faults
 * and fault.c breaks the sharing (copy, or take over when the last holder).
 * MAP_SHARED areas are shared as they are. Both fork and unmap go a page
 * table at a time (fork's inner loop is pte_share.s) because they touch
 * every resident page; fork flushes the parent's TLB once at the end.
 * Every VMA is freed by vma_free, which drops a file area's reference on
 * its struct file; unmapping a MAP_SHARED file area writes it back.
 */
#include "arch.h"
#include "file.h"
#include "filemap.h"
#include "lib.h"
#include "mm.h"
#include "printk.h"
#include "hako/errno.h"
#include "swap.h"
#include "vm.h"

pde_t *kernel_pgdir;
u32 kernel_pgdir_phys;
static struct kmem_cache *mm_cache;
static struct kmem_cache *vma_cache;

void kvm_init(void) {
  u32 ram = total_frames * PAGE_SIZE;
  u32 pa = 0;
  pde_t *pd = (pde_t *)boot_alloc(PAGE_SIZE);
  /* One page table per 4 MiB of RAM, filled by a tight loop: this runs
   * once per boot, but over every frame. */
  while (pa < ram) {
    pte_t *pt = (pte_t *)boot_alloc(PAGE_SIZE);
    u32 end = pa + 1024 * PAGE_SIZE;
    u32 e = pa | PTE_P | PTE_W | PTE_G;
    pte_t *slot = pt;
    if (end > ram || end == 0) end = ram;
    pd[PDX(KERNBASE + pa)] = virt_to_phys(pt) | PTE_P | PTE_W;
    for (; pa < end; pa += PAGE_SIZE) {
      *slot++ = e;
      e += PAGE_SIZE;
    }
  }
  kernel_pgdir = pd;
  kernel_pgdir_phys = virt_to_phys(pd);
  write_cr3(kernel_pgdir_phys);
}

void vm_caches_init(void) {
  mm_cache = kmem_cache_create("mm_struct", sizeof(struct mm));
  vma_cache = kmem_cache_create("vm_area_struct", sizeof(struct vm_area));
}

struct vm_area *vma_alloc(void) {
  return (struct vm_area *)kmem_cache_alloc(vma_cache);
}

/* Every VMA goes through here, so the file reference a file area holds
 * (taken at mmap, at a split and at fork) is dropped exactly once. */
void vma_free(struct vm_area *v) {
  if (v->mm && v->mm->fault_vma == v) v->mm->fault_vma = NULL;
  if (v->file) file_close(v->file);
  kmem_cache_free(vma_cache, v);
}

pte_t *pgdir_walk(pde_t *pgdir, u32 va, int create) {
  pde_t *pde = &pgdir[PDX(va)];
  pte_t *pt;
  if (*pde & PTE_P) {
    pt = (pte_t *)phys_to_virt(PTE_ADDR(*pde));
  } else {
    struct page *p;
    if (!create) return NULL;
    p = alloc_page();
    if (p == NULL) return NULL;
    p->flags |= PG_PAGETABLE;
    pt = (pte_t *)page_address(p);
    memset(pt, 0, PAGE_SIZE);
    /* The directory entry is permissive; the PTE decides. */
    *pde = page_to_phys(p) | PTE_P | PTE_W | PTE_U;
  }
  return &pt[PTX(va)];
}

int map_page(pde_t *pgdir, u32 va, u32 phys, u32 pte_flags) {
  pte_t *pte = pgdir_walk(pgdir, va, 1);
  if (pte == NULL) return -ENOMEM;
  *pte = PTE_ADDR(phys) | pte_flags | PTE_P;
  return 0;
}

void flush_tlb_page(struct mm *mm, u32 va) {
  if (read_cr3() == mm->pgdir_phys) invlpg(va);
}

/* One page table at a time, with the frame arithmetic inline (unmap runs
 * over every page at exit and exec); the TLB entry of each page is
 * dropped only when mm is the loaded address space. */
void unmap_range(struct mm *mm, u32 start, u32 end) {
  int loaded = read_cr3() == mm->pgdir_phys;
  u32 va = start;
  while (va < end) {
    u32 table_end = (va & 0xFFC00000u) + 0x400000u;
    u32 hi = (table_end == 0 || table_end > end) ? end : table_end;
    pde_t pde = mm->pgdir[PDX(va)];
    pte_t *pte;
    if (!(pde & PTE_P)) {
      va = hi;
      continue;
    }
    pte = (pte_t *)(KERNBASE + PTE_ADDR(pde)) + PTX(va);
    for (; va < hi; va += PAGE_SIZE, pte++) {
      pte_t e = *pte;
      struct page *p;
      if (e == 0) continue;
      if (IS_SWAP_ENTRY(e)) {
        swap_entry_free(e);
        *pte = 0;
        mm->swap_pages--;
        continue;
      }
      if (!(e & PTE_P)) continue;
      p = page_array + (e >> PAGE_SHIFT);
      /* A written shared file page must reach the file before it is lost. */
      if ((e & PTE_D) && (p->flags & PG_CACHE)) p->flags |= PG_DIRTY;
      *pte = 0;
      if (loaded) invlpg(va);
      p->mapcount--;
      mm->rss--;
      put_page(p);
    }
  }
}

struct mm *mm_create(void) {
  struct mm *mm = (struct mm *)kmem_cache_alloc(mm_cache);
  void *pd;
  int i;
  if (mm == NULL) return NULL;
  pd = get_free_page();
  if (pd == NULL) {
    kmem_cache_free(mm_cache, mm);
    return NULL;
  }
  virt_to_page(pd)->flags |= PG_PAGETABLE;
  mm->pgdir = (pde_t *)pd;
  mm->pgdir_phys = virt_to_phys(pd);
  for (i = KERNEL_PDE_FIRST; i < 1024; i++) mm->pgdir[i] = kernel_pgdir[i];
  mm->refcount = 1;
  mm->mmap_base = USER_MMAP_BASE;
  mm->stack_limit = USER_STACK_MAX;
  mm->free_area_cache = USER_MMAP_BASE;
  return mm;
}

void mm_destroy(struct mm *mm) {
  struct vm_area *v = mm->vmas;
  int i;
  /* Another holder (procfs reading its memory) frees it last. */
  if (--mm->refcount > 0) return;
  if (mm->exe_file) file_close(mm->exe_file);
  while (v) {
    struct vm_area *next = v->next;
    unmap_range(mm, v->start, v->end);
    filemap_unmap_writeback(v, v->start, v->end);
    vma_free(v);
    v = next;
  }
  mm->vmas = NULL;
  mm->vma_root = NULL;
  if (read_cr3() == mm->pgdir_phys) write_cr3(kernel_pgdir_phys);
  for (i = 0; i < KERNEL_PDE_FIRST; i++) {
    if (mm->pgdir[i] & PTE_P) put_page(pfn_to_page(mm->pgdir[i] >> PAGE_SHIFT));
  }
  put_page(virt_to_page(mm->pgdir));
  kmem_cache_free(mm_cache, mm);
}

u32 pte_share_run(pte_t *src, pte_t *dst, u32 n, u32 clear, u32 set, int *refcount0, u32 mapcount_delta,
                  u32 page_size, u32 *shared);

/* Shares the user pages of area v of `from` with `to` at the same
 * addresses: in a private area copy-on-write (both PTEs lose PTE_W and gain
 * PTE_COW), in a MAP_SHARED area as they are, writes visible to both. One
 * page table at a time; pte_share_run (pte_share.s) does the present
 * entries, swap entries come back here. The caller flushes from's TLB. */
static int share_area(struct vm_area *v, struct mm *from, struct mm *to) {
  u32 clear = (v->flags & VM_SHARED) ? 0xFFFFFFFFu : ~(u32)PTE_W;
  u32 set = (v->flags & VM_SHARED) ? 0 : PTE_COW;
  u32 delta = (u32)((char *)&page_array[0].mapcount - (char *)&page_array[0].refcount);
  u32 va = v->start;
  while (va < v->end) {
    u32 table_end = (va & 0xFFC00000u) + 0x400000u;
    u32 hi = table_end < v->end ? table_end : v->end;
    pde_t pde = from->pgdir[PDX(va)];
    if (pde & PTE_P) {
      pte_t *src = (pte_t *)(KERNBASE + PTE_ADDR(pde)) + PTX(va);
      pte_t *dst = pgdir_walk(to->pgdir, va, 1);
      u32 n = (hi - va) >> PAGE_SHIFT, done = 0;
      if (dst == NULL) return -ENOMEM;
      while (done < n) {
        u32 shared = 0;
        done += pte_share_run(src + done, dst + done, n - done, clear, set, &page_array[0].refcount, delta,
                              sizeof(struct page), &shared);
        to->rss += shared;
        if (done < n) {
          if (IS_SWAP_ENTRY(src[done])) {
            swap_entry_dup(src[done]);
            dst[done] = src[done];
            to->swap_pages++;
          }
          done++;
        }
      }
    }
    va = hi;
  }
  return 0;
}

struct mm *mm_copy(struct mm *old) {
  struct mm *mm = mm_create();
  struct vm_area *v;
  struct vm_area *last = NULL;
  if (mm == NULL) return NULL;
  mm->start_code = old->start_code;
  mm->end_code = old->end_code;
  mm->start_data = old->start_data;
  mm->end_data = old->end_data;
  mm->start_brk = old->start_brk;
  mm->brk = old->brk;
  mm->start_stack = old->start_stack;
  mm->stack_limit = old->stack_limit;
  mm->mmap_base = old->mmap_base;
  mm->free_area_cache = old->free_area_cache;
  mm->cached_hole_size = old->cached_hole_size;
  strlcpy(mm->exe_path, old->exe_path, sizeof mm->exe_path);
  if (old->exe_file) mm->exe_file = file_dup(old->exe_file);
  mm->arg_start = old->arg_start;
  mm->arg_end = old->arg_end;
  mm->env_start = old->env_start;
  mm->env_end = old->env_end;
  for (v = old->vmas; v; v = v->next) {
    struct vm_area *n = vma_alloc();
    if (n == NULL) goto fail;
    if ((v->flags & (VM_SHARED | VM_ANON)) == (VM_SHARED | VM_ANON) && populate_shared_anon(old, v) != 0) {
      vma_free(n);
      goto fail;
    }
    *n = *v;
    if (n->file) file_dup(n->file);
    n->mm = mm;
    vma_link(mm, last, n);
    last = n;
    if (share_area(v, old, mm) != 0) goto fail;
  }
  /* Parent PTEs lost PTE_W: drop its stale TLB entries in one go. */
  if (read_cr3() == old->pgdir_phys) write_cr3(old->pgdir_phys);
  return mm;
fail:
  if (read_cr3() == old->pgdir_phys) write_cr3(old->pgdir_phys);
  mm_destroy(mm);
  return NULL;
}

/* Drops a thread's reference; the last user destroys the address space. */
void mm_put(struct mm *mm) {
  if (--mm->refcount == 0) mm_destroy(mm);
}

void mm_switch(struct mm *mm) {
  u32 phys = mm ? mm->pgdir_phys : kernel_pgdir_phys;
  if (read_cr3() != phys) write_cr3(phys);
}
