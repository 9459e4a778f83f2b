/*
 * mmap.c — mapping, unmapping and protecting memory: mmap2, munmap and
 * mprotect.
 *
 * Anonymous areas (MAP_ANONYMOUS, or a mapping of /dev/zero) are VM_ANON:
 * the fault handler zero-fills their pages on first touch; private ones
 * fork copy-on-write, MAP_SHARED ones (VM_SHARED) stay one set of frames
 * for parent and child. File areas (regular ext2 files only, else ENODEV)
 * hold a reference on the struct file (file_dup here, at a split and at
 * fork; vma_free drops it) and fault their pages from the page cache
 * (mm/filemap.c). munmap of a MAP_SHARED file area writes its dirty pages
 * back to the file before the area goes.
 *
 * Invariants kept (those of vma.c): the VMA list stays sorted, page-aligned
 * and non-overlapping. munmap may cut a VMA in two (vma_split), so it
 * allocates the one VMA it could need before changing anything: a failed
 * munmap leaves the address space as it was. Placement without MAP_FIXED
 * is first fit upward from the free-area hint mm->free_area_cache (never
 * below mm->mmap_base), below the stack's 8 MiB reach; see find_gap.
 */
#include "gen/syscall_table.h"
#include "file.h"
#include "filemap.h"
#include "fs.h"
#include "lib.h"
#include "mm.h"
#include "param.h"
#include "proc.h"
#include "hako/errno.h"
#include "hako/fcntl.h"
#include "vm.h"

struct vm_area *vma_alloc(void);
void vma_free(struct vm_area *v);

#define PROT_READ 0x1
#define PROT_WRITE 0x2
#define PROT_EXEC 0x4
#define MAP_SHARED 0x01
#define MAP_PRIVATE 0x02
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20
#define MAP_KNOWN_FLAGS (MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS)

/* Cuts v at `at` (strictly inside it) into [start, at) and a new area
 * [at, end), taking the spare VMA the caller allocated. */
static void vma_split(struct mm *mm, struct vm_area *v, u32 at, struct vm_area *spare) {
  *spare = *v;
  if (spare->file) file_dup(spare->file);   /* each half holds the file */
  spare->start = at;
  if (VM_OFFSET_KEPT(v)) spare->pgoff = v->pgoff + ((at - v->start) >> PAGE_SHIFT);
  v->end = at;
  vma_link(mm, v, spare);
}

/* Removes [start, end) from the address space: pages and VMA coverage.
 * Both page-aligned. 0 or -ENOMEM (then nothing changed). A hole opened
 * below the free-area hint moves the hint down to it, so the next mmap
 * finds it (Linux's arch_unmap_area). */
static int unmap_area(struct mm *mm, u32 start, u32 end) {
  struct vm_area *v = vma_first_after(mm, start);
  struct vm_area *spare = NULL;
  struct vm_area *prev, *next;
  if (v == NULL || v->start >= end) return 0;
  if (v->start < start && v->end > end) {
    spare = vma_alloc();
    if (spare == NULL) return -ENOMEM;
  }
  prev = vma_prev(mm, v);
  for (; v != NULL && v->start < end; v = next) {
    u32 lo = v->start > start ? v->start : start;
    u32 hi = v->end < end ? v->end : end;
    next = v->next;
    unmap_range(mm, lo, hi);
    filemap_unmap_writeback(v, lo, hi);
    if (lo == v->start && hi == v->end) {
      vma_unlink(mm, prev, v);
      vma_free(v);
      continue;
    }
    if (lo == v->start) {
      if (VM_OFFSET_KEPT(v)) v->pgoff += (hi - v->start) >> PAGE_SHIFT;
      v->start = hi;
    } else if (hi == v->end) {
      v->end = lo;
    } else {
      vma_split(mm, v, hi, spare);
      v->end = lo;
      break;
    }
    prev = v;
  }
  if (start >= mm->mmap_base && start < mm->free_area_cache) mm->free_area_cache = start;
  return 0;
}

/* A place for len bytes between mmap_base and the stack's reach; 0 when no
 * gap is big enough. First fit upward from the free-area hint (just past
 * the last mapping made, or the lowest hole munmap opened since), so a run
 * of mmaps costs one tree lookup each instead of a walk over every area
 * below. A request that fits the largest hole the searches skipped
 * (cached_hole_size) starts from mmap_base; a search that finds no room
 * above the hint tries once more from mmap_base. */
static u32 find_gap(struct mm *mm, u32 len) {
  /* A process without a stack VMA (start_stack 0) may use all of it. */
  u32 limit = mm->start_stack == 0 ? USER_TOP
            : mm->start_stack > mm->stack_limit ? mm->start_stack - mm->stack_limit : 0;
  u32 base = mm->mmap_base;
  u32 from = mm->free_area_cache;
  u32 candidate;
  struct vm_area *v;
  if (len <= mm->cached_hole_size || from < base) {
    from = base;
    mm->cached_hole_size = 0;
  }
  for (;;) {
    candidate = from;
    for (v = vma_first_after(mm, candidate); candidate <= limit && limit - candidate >= len; v = v->next) {
      if (v == NULL || v->start >= candidate + len) {
        mm->free_area_cache = candidate + len;
        return candidate;
      }
      if (v->start > candidate && v->start - candidate > mm->cached_hole_size) {
        mm->cached_hole_size = v->start - candidate;
      }
      candidate = v->end;
    }
    if (from == base) return 0;
    from = base;
    mm->cached_hole_size = 0;
  }
}

/* What backs a new mapping: NULL for anonymous memory (also /dev/zero),
 * else the file, checked as Linux does. 0 or -errno. */
static int mapping_file(u32 prot, u32 flags, int fd, struct file **out) {
  struct file *f;
  u32 acc;
  *out = NULL;
  if (flags & MAP_ANONYMOUS) return 0;
  f = fd_get(fd);
  if (f == NULL) return -EBADF;
  if (f->ops == &zero_ops) return 0;          /* /dev/zero maps as anonymous memory */
  if (f->inode == NULL || !S_ISREG(f->inode->mode) || f->ops->mmap == NULL || f->ops->mmap(f) != 0) return -ENODEV;
  acc = f->flags & O_ACCMODE;
  if (acc == O_WRONLY) return -EACCES;          /* a mapping can always be read */
  if ((flags & MAP_SHARED) && (prot & PROT_WRITE) && acc != O_RDWR) return -EACCES;
  *out = f;
  return 0;
}

int sys_mmap2(u32 addr, u32 len, u32 prot, u32 flags, int fd, u32 pgoff) {
  struct file *file;
  int err;
  if (len == 0 || (prot & ~(u32)(PROT_READ | PROT_WRITE | PROT_EXEC)) || (flags & ~(u32)MAP_KNOWN_FLAGS)) {
    return -EINVAL;
  }
  if ((flags & (MAP_SHARED | MAP_PRIVATE)) == 0 || (flags & (MAP_SHARED | MAP_PRIVATE)) == (MAP_SHARED | MAP_PRIVATE)) {
    return -EINVAL;
  }
  if (len > USER_TOP) return -ENOMEM;
  err = mapping_file(prot, flags, fd, &file);
  if (err) return err;
  return do_mmap(current->mm, addr, len, prot, flags, file, pgoff);
}

/* The mapping itself, arguments checked (shmat comes here too, with its
 * segment's file): the address or no room, the limits, the VMA. */
int do_mmap(struct mm *mm, u32 addr, u32 len, u32 prot, u32 flags, struct file *file, u32 pgoff) {
  struct vm_area *v;
  u32 start, end, size, vm_flags;
  int err;
  if (len > USER_TOP) return -ENOMEM;
  size = ALIGN_UP(len, PAGE_SIZE);
  /* The file offset of the last page must fit (files are below 2 GiB). */
  if (file && (pgoff > 0x7FFFFu || (size >> PAGE_SHIFT) > 0x80000u - pgoff)) return -EOVERFLOW;
  if (flags & MAP_FIXED) {
    if ((addr & (PAGE_SIZE - 1)) || addr >= USER_TOP || size > USER_TOP - addr || addr == 0) return -EINVAL;
    start = addr;
    err = unmap_area(mm, start, start + size);
    if (err) return err;
  } else {
    start = ALIGN_DOWN(addr, PAGE_SIZE);
    if (start == 0 || start >= USER_TOP || size > USER_TOP - start || vma_overlaps(mm, start, start + size)) {
      start = find_gap(mm, size);
      if (start == 0) return -ENOMEM;
    }
  }
  end = start + size;
  /* RLIMIT_AS and RLIMIT_DATA (private writable); a MAP_FIXED over old
   * areas was unmapped above, so the count is of what stays. */
  err = rlimit_may_expand(mm, size, (prot & PROT_WRITE) && !(flags & MAP_SHARED));
  if (err) return err;
  vm_flags = (flags & MAP_SHARED) ? VM_SHARED : 0;
  if (file == NULL) vm_flags |= VM_ANON;
  else if ((flags & MAP_SHARED) && (file->flags & O_ACCMODE) != O_RDWR) vm_flags |= VM_NOWRITE;
  err = vma_add(mm, start, end, prot, vm_flags);
  if (err) return -ENOMEM;
  if (file) {
    v = vma_find(mm, start);
    v->file = file_dup(file);
    v->pgoff = pgoff;
  }
  return (int)start;
}

int do_munmap(struct mm *mm, u32 start, u32 end) {
  return unmap_area(mm, start, end);
}

int sys_munmap(u32 addr, u32 len) {
  u32 size;
  if ((addr & (PAGE_SIZE - 1)) || len == 0 || addr >= USER_TOP) return -EINVAL;
  size = ALIGN_UP(len, PAGE_SIZE);
  if (size == 0 || size > USER_TOP - addr) return -EINVAL;
  return unmap_area(current->mm, addr, addr + size);
}

/* Makes the present PTEs of [start, end) match prot. */
static void protect_ptes(struct mm *mm, u32 start, u32 end, u32 prot) {
  u32 va;
  for (va = start; va < end; va += PAGE_SIZE) {
    pte_t *pte;
    pte_t e;
    if ((mm->pgdir[PDX(va)] & PTE_P) == 0) continue;
    pte = pgdir_walk(mm->pgdir, va, 0);
    if (pte == NULL || (*pte & PTE_P) == 0) continue;
    e = *pte & ~(pte_t)(PTE_U | PTE_W);
    if (prot & (PROT_READ | PROT_WRITE | PROT_EXEC)) e |= PTE_U;
    if ((prot & PROT_WRITE) && !(e & PTE_COW)) e |= PTE_W;
    if (e != *pte) {
      *pte = e;
      flush_tlb_page(mm, va);
    }
  }
}

int sys_mprotect(u32 addr, u32 len, u32 prot) {
  struct mm *mm = current->mm;
  struct vm_area *first, *last, *v;
  struct vm_area *spare_start = NULL, *spare_end = NULL;
  u32 size, end, covered;
  if ((addr & (PAGE_SIZE - 1)) || (prot & ~(u32)(PROT_READ | PROT_WRITE | PROT_EXEC))) return -EINVAL;
  if (len == 0) return 0;
  size = ALIGN_UP(len, PAGE_SIZE);
  if (size == 0 || addr >= USER_TOP || size > USER_TOP - addr) return -ENOMEM;
  end = addr + size;
  /* The whole range must be mapped, without holes (else ENOMEM, as Linux). */
  first = vma_find(mm, addr);
  if (first == NULL) return -ENOMEM;
  covered = first->end;
  for (last = first; covered < end; ) {
    if (last->next == NULL || last->next->start != covered) return -ENOMEM;
    last = last->next;
    covered = last->end;
  }
  /* A shared mapping of a file opened read-only never becomes writable
   * (Linux: EACCES), so a store can never reach that file. */
  if (prot & PROT_WRITE) {
    for (v = first; v != last->next; v = v->next) {
      if (v->flags & VM_NOWRITE) return -EACCES;
    }
  }
  if (first->start < addr) {
    spare_start = vma_alloc();
    if (spare_start == NULL) return -ENOMEM;
  }
  if (last->end > end) {
    spare_end = vma_alloc();
    if (spare_end == NULL) {
      if (spare_start) vma_free(spare_start);
      return -ENOMEM;
    }
  }
  if (spare_start) {
    vma_split(mm, first, addr, spare_start);
    first = spare_start;
  }
  for (v = first; v && v->start < end; v = v->next) {
    if (v->end > end) vma_split(mm, v, end, spare_end);
    v->prot = prot;
    protect_ptes(mm, v->start, v->end, prot);
  }
  return 0;
}
