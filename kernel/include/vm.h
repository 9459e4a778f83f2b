/*
 * vm.h — virtual memory: page tables, address spaces (struct mm) and
 * virtual memory areas (struct vm_area).
 *
 * Every page directory shares the kernel half (PDEs 768..1023): they point
 * at the kernel page tables made once at boot (the direct map of all RAM at
 * KERNBASE), so kernel mappings never need to be synchronised. The user half
 * belongs to one struct mm.
 *
 * The VMAs of an mm are the source of truth for what a user address may
 * hold; page tables are a cache of it. A page fault asks the VMA list first:
 * no VMA or wrong access → the access is invalid (EFAULT for the kernel's
 * user copies, SIGSEGV for the process); a valid access to a missing page is
 * filled on demand (a zeroed frame for anonymous memory, the page cache's
 * page for a file area, swap-in for a swap entry). PTE AVL bits:
 *   PTE_COW (bit 9): present, read-only because shared copy-on-write.
 *   A not-present PTE with bit 10 set is a swap entry: slot = pte >> 12.
 */
#ifndef HAKO_VM_H
#define HAKO_VM_H

#include "types.h"

typedef u32 pte_t;
typedef u32 pde_t;

#define PTE_P 0x001
#define PTE_W 0x002
#define PTE_U 0x004
#define PTE_PWT 0x008
#define PTE_PCD 0x010
#define PTE_A 0x020
#define PTE_D 0x040
#define PTE_PS 0x080
#define PTE_G 0x100
#define PTE_COW 0x200      /* AVL: copy-on-write */
#define PTE_SWAP 0x400     /* AVL, not-present entries: swap slot in bits 12..31 */
#define PTE_ADDR(e) ((e) & 0xFFFFF000u)

#define PDX(va) (((u32)(va) >> 22) & 0x3FF)
#define PTX(va) (((u32)(va) >> 12) & 0x3FF)
#define KERNEL_PDE_FIRST 768

/* VMA protection (mmap PROT_* values) and flags. */
#define VM_READ 0x1
#define VM_WRITE 0x2
#define VM_EXEC 0x4
#define VM_SHARED 0x10      /* MAP_SHARED: writes reach the file */
#define VM_GROWSDOWN 0x20   /* the stack: may be extended downward on fault */
#define VM_ANON 0x40        /* no file behind it */
#define VM_HEAP 0x80        /* the brk area */
#define VM_NOWRITE 0x100    /* MAP_SHARED of a file not open for writing: mprotect may not add PROT_WRITE */
#define VM_EXE 0x800        /* a segment of the program exec loaded (a copy, VM_ANON): maps names it mm->exe_path */
#define VM_OFFSET_KEPT(v) ((v)->file != NULL || ((v)->flags & VM_EXE))   /* pgoff is a file offset */

struct file;

struct vm_area {
  u32 start;                /* page-aligned, inclusive */
  u32 end;                  /* page-aligned, exclusive */
  u32 prot;                 /* VM_READ | VM_WRITE | VM_EXEC */
  u32 flags;                /* VM_SHARED, VM_GROWSDOWN, VM_ANON, VM_HEAP */
  struct file *file;        /* backing file or NULL */
  u32 pgoff;                /* file offset of start, in pages */
  struct mm *mm;
  struct vm_area *next;     /* sorted by start, non-overlapping */
  struct vm_area *left, *right;   /* the mm's AVL tree by start (vma.c) */
  int height;               /* of the subtree rooted here, a leaf is 1 */
};

struct mm {
  pde_t *pgdir;             /* kernel virtual address of the page directory */
  u32 pgdir_phys;
  struct vm_area *vmas;     /* the areas in address order */
  struct vm_area *vma_root; /* the same areas as a balanced tree, for lookups */
  int refcount;             /* procs sharing it (CLONE_VM); mm_put by the last destroys it */
  u32 start_code, end_code, start_data, end_data;
  u32 start_brk, brk;       /* heap: [start_brk, brk) */
  u32 start_stack;          /* top of the stack VMA */
  u32 stack_limit;          /* how far below start_stack it may grow (RLIMIT_STACK at exec) */
  u32 mmap_base;
  u32 free_area_cache;      /* where the next mmap search starts (mmap.c) */
  u32 cached_hole_size;     /* largest hole the search skipped below it */
  u32 rss;                  /* resident user pages */
  u32 swap_pages;           /* swap entries in its page tables */
  u32 page_faults;          /* minor faults served */
  struct vm_area *fault_vma;  /* the VMA the last fault found (fault.c); vma_free clears it */
  char exe_path[128];       /* the program exec loaded, as exec was given it (maps' VM_EXE name) */
  struct file *exe_file;    /* the same program open (/proc/PID/exe), or NULL */
  u32 arg_start, arg_end;   /* argv's strings on the stack (/proc/PID/cmdline) */
  u32 env_start, env_end;   /* and the environment's (/proc/PID/environ) */
};

extern pde_t *kernel_pgdir;
extern u32 kernel_pgdir_phys;

void kvm_init(void);                        /* builds and loads the kernel page directory */
pte_t *pgdir_walk(pde_t *pgdir, u32 va, int create);
int map_page(pde_t *pgdir, u32 va, u32 phys, u32 pte_flags);   /* 0 or -ENOMEM */
void unmap_range(struct mm *mm, u32 start, u32 end);  /* drops frames' references */
void flush_tlb_page(struct mm *mm, u32 va);

struct mm *mm_create(void);                 /* empty user half; NULL when out of memory */
void mm_destroy(struct mm *mm);             /* drops a reference; the last unmaps everything, frees tables and VMAs */
struct mm *mm_copy(struct mm *old);         /* fork: copies VMAs, shares pages copy-on-write */
void mm_put(struct mm *mm);                 /* drop a reference; the last destroys it */
void mm_switch(struct mm *mm);              /* load its cr3 (kernel_pgdir for NULL) */

/* VMAs (mm/vma.c). */
struct vm_area *vma_find(struct mm *mm, u32 addr);   /* the VMA containing addr, or NULL */
struct vm_area *vma_first_after(struct mm *mm, u32 addr);
int vma_add(struct mm *mm, u32 start, u32 end, u32 prot, u32 flags);  /* 0, -EINVAL, -ENOMEM */
int vma_overlaps(struct mm *mm, u32 start, u32 end);
struct vm_area *vma_prev(struct mm *mm, struct vm_area *v);          /* the area before v, or NULL */
void vma_link(struct mm *mm, struct vm_area *prev, struct vm_area *v);   /* insert v after prev (NULL: first) */
void vma_unlink(struct mm *mm, struct vm_area *prev, struct vm_area *v); /* take v (after prev) out */
int do_brk(struct mm *mm, u32 new_brk);     /* resize the heap VMA; returns 0 or -ENOMEM */
/* mm/mmap.c, for shmat/shmdt: map file (NULL: anonymous) as mmap2 would,
 * its flags the MAP_* values (MAP_FIXED replaces); the address or -errno.
 * Unmap [start, end) (page-aligned): 0 or -ENOMEM. */
int do_mmap(struct mm *mm, u32 addr, u32 len, u32 prot, u32 flags, struct file *file, u32 pgoff);
int do_munmap(struct mm *mm, u32 start, u32 end);

/* Page faults (mm/fault.c). Returns 0 when the page is now mapped,
 * -EFAULT when the access is invalid, -EIO when a file (or swap) page
 * cannot be had: past the end of the file, or a read error (SIGBUS). */
int handle_mm_fault(struct mm *mm, u32 addr, u32 err);
/* fork: every page of a MAP_SHARED anonymous area made present first. */
int populate_shared_anon(struct mm *mm, struct vm_area *v);

/* User memory access (mm/uaccess.c + uaccess.s). Each returns 0 or -EFAULT
 * and never faults the kernel: bad addresses are caught by the range check
 * or by the page-fault handler's fixup. */
int copyin(void *dst, const void *user_src, u32 n);
int copyout(void *user_dst, const void *src, u32 n);
/* Copies a NUL-terminated string of at most max-1 bytes; returns its
 * length, -ENAMETOOLONG when longer, -EFAULT. */
int strncpy_from_user(char *dst, const char *user_src, u32 max);
int user_range_ok(u32 addr, u32 n);
/* Reads n bytes at user address addr of another address space through its
 * page tables (faulting pages in as a read from that process would), for
 * /proc/PID/cmdline and environ; the caller holds a reference on mm. The
 * bytes read, short at an address mm cannot read. May sleep. */
int copy_from_mm(struct mm *mm, void *dst, u32 addr, u32 n);
/* Writes n bytes there (ptrace's POKEDATA), read-only pages included: each
 * page is made private to mm first, so no other process sees the write.
 * The bytes written, short where mm has no area. May sleep. */
int copy_to_mm(struct mm *mm, u32 addr, const void *src, u32 n);
int mm_make_private(struct mm *mm, u32 va);   /* mm/fault.c: 0, -EFAULT, -ENOMEM */
/* The page-fault handler calls this for faults in kernel mode: if eip is
 * inside a user-copy routine, the return address it should use instead. */
u32 uaccess_fixup_for(u32 eip);

/* mm/uaccess.s: the copy routines' code range and where a fault there resumes */
extern char uaccess_begin[], uaccess_end[], uaccess_fixup[];
/* mm/fault.c: page faults served (vmstat's pgfault) */
extern u32 vm_stat_pgfault;

#endif
