/*
 * vma.c — the list of virtual memory areas of an address space.
 *
 * The list is sorted by start address and areas never overlap; every area
 * is page-aligned and non-empty and lies below USER_TOP. These invariants
 * are what the fault handler, brk and mmap/munmap/mprotect rely
 * on; a linked list is enough for the handful of areas a process has.
 */
#include "lib.h"
#include "mm.h"
#include "param.h"
#include "hako/errno.h"
#include "vm.h"

struct vm_area *vma_alloc(void);
void vma_free(struct vm_area *v);

struct vm_area *vma_find(struct mm *mm, u32 addr) {
  struct vm_area *v;
  for (v = mm->vmas; v; v = v->next) {
    if (addr < v->start) return NULL;
    if (addr < v->end) return v;
  }
  return NULL;
}

struct vm_area *vma_first_after(struct mm *mm, u32 addr) {
  struct vm_area *v;
  for (v = mm->vmas; v; v = v->next) {
    if (v->end > addr) return v;
  }
  return NULL;
}

int vma_overlaps(struct mm *mm, u32 start, u32 end) {
  struct vm_area *v = vma_first_after(mm, start);
  return v != NULL && v->start < end;
}

int vma_add(struct mm *mm, u32 start, u32 end, u32 prot, u32 flags) {
  struct vm_area *v;
  struct vm_area **link;
  if ((start & (PAGE_SIZE - 1)) || (end & (PAGE_SIZE - 1)) || start >= end || end > USER_TOP) {
    return -EINVAL;
  }
  if (vma_overlaps(mm, start, end)) return -EINVAL;
  v = vma_alloc();
  if (v == NULL) return -ENOMEM;
  v->start = start;
  v->end = end;
  v->prot = prot;
  v->flags = flags;
  v->mm = mm;
  link = &mm->vmas;
  while (*link && (*link)->start < start) link = &(*link)->next;
  v->next = *link;
  *link = v;
  return 0;
}

/* Resizes the heap: [start_brk, brk) is the VMA flagged VM_HEAP (created on
 * first growth). Shrinking unmaps the pages past the new end. */
int do_brk(struct mm *mm, u32 new_brk) {
  u32 old_end = ALIGN_UP(mm->brk, PAGE_SIZE);
  u32 new_end = ALIGN_UP(new_brk, PAGE_SIZE);
  struct vm_area *heap;
  if (new_brk < mm->start_brk) return -ENOMEM;
  if (new_end == old_end) {
    mm->brk = new_brk;
    return 0;
  }
  heap = vma_find(mm, mm->start_brk);
  if (heap && !(heap->flags & VM_HEAP)) heap = NULL;
  if (new_end > old_end) {
    if (new_end > USER_MMAP_BASE || vma_overlaps(mm, old_end, new_end)) return -ENOMEM;
    if (heap) {
      heap->end = new_end;
    } else {
      int err = vma_add(mm, mm->start_brk, new_end, VM_READ | VM_WRITE, VM_ANON | VM_HEAP);
      if (err) return -ENOMEM;
    }
  } else if (heap) {
    unmap_range(mm, new_end, old_end);
    heap->end = new_end;
    if (heap->end == heap->start) {
      struct vm_area **link = &mm->vmas;
      while (*link != heap) link = &(*link)->next;
      *link = heap->next;
      vma_free(heap);
    }
  }
  mm->brk = new_brk;
  return 0;
}
