/*
 * uaccess.c — checked copies between kernel and user memory.
 *
 * Two lines of defence, so a bad pointer from user space is EFAULT and
 * nothing else: (1) the range must lie below USER_TOP without wrapping;
 * (2) the copy itself runs in uaccess.s, whose instructions lie between
 * uaccess_begin and uaccess_end — a page fault there that the VMAs cannot
 * satisfy resumes at uaccess_fixup, which returns -EFAULT from the copy
 * routine. Kernel writes honour read-only user pages because CR0.WP is on.
 * copy_from_mm reads another process's memory (procfs) through that
 * process's page tables instead; copy_to_mm writes it (ptrace's POKEDATA),
 * each page first made private to that process (mm_make_private).
 */
#include "lib.h"
#include "mm.h"
#include "param.h"
#include "trap.h"
#include "hako/errno.h"
#include "vm.h"

int uaccess_copy(void *dst, const void *src, u32 n);
int uaccess_strncpy(char *dst, const char *src, u32 max);

int user_range_ok(u32 addr, u32 n) {
  if (addr >= USER_TOP) return 0;
  if (n > USER_TOP - addr) return 0;
  return 1;
}

int copyin(void *dst, const void *user_src, u32 n) {
  if (n == 0) return 0;
  if (!user_range_ok((u32)user_src, n)) return -EFAULT;
  return uaccess_copy(dst, user_src, n);
}

int copyout(void *user_dst, const void *src, u32 n) {
  if (n == 0) return 0;
  if (!user_range_ok((u32)user_dst, n)) return -EFAULT;
  return uaccess_copy(user_dst, src, n);
}

int strncpy_from_user(char *dst, const char *user_src, u32 max) {
  u32 limit;
  int len;
  if ((u32)user_src >= USER_TOP || max == 0) return -EFAULT;
  limit = USER_TOP - (u32)user_src;
  if (limit > max) limit = max;
  len = uaccess_strncpy(dst, user_src, limit);
  if (len < 0) return len;
  if ((u32)len == limit) {
    /* No NUL within reach: too long, or it runs into kernel space. */
    dst[limit - 1] = 0;
    return limit == max ? -ENAMETOOLONG : -EFAULT;
  }
  return len;
}

u32 uaccess_fixup_for(u32 eip) {
  if (eip >= (u32)uaccess_begin && eip < (u32)uaccess_end) return (u32)uaccess_fixup;
  return 0;
}

/* Another address space is not mapped while we run: walk its page tables
 * and read the frames through the direct map. A page that is not present
 * (never touched, or swapped out) is faulted in as that process's own read
 * would fault it, then the walk is retried. */
int copy_from_mm(struct mm *mm, void *dst, u32 addr, u32 n) {
  u32 done = 0;
  int faults = 0;
  while (done < n) {
    u32 va = addr + done;
    u32 chunk = MIN(n - done, PAGE_SIZE - (va & ~PAGE_MASK));
    pte_t *pte;
    if (!user_range_ok(va, chunk)) break;
    pte = pgdir_walk(mm->pgdir, va, 0);
    if (pte == NULL || (*pte & (PTE_P | PTE_U)) != (PTE_P | PTE_U)) {
      if (++faults > 2 || handle_mm_fault(mm, va, PF_USER) != 0) break;
      continue;
    }
    faults = 0;
    memcpy((char *)dst + done, (char *)phys_to_virt(*pte & PAGE_MASK) + (va & ~PAGE_MASK), chunk);
    done += chunk;
  }
  return (int)done;
}

/* ptrace's POKEDATA: n bytes into another address space, even into a
 * read-only page (which gets a private copy: another process sharing the
 * frame never sees the write). The bytes written, short where mm has no
 * area. May sleep. */
int copy_to_mm(struct mm *mm, u32 addr, const void *src, u32 n) {
  u32 done = 0;
  int tries = 0;
  while (done < n) {
    u32 va = addr + done;
    u32 chunk = MIN(n - done, PAGE_SIZE - (va & ~PAGE_MASK));
    pte_t *pte;
    if (!user_range_ok(va, chunk)) break;
    if (mm_make_private(mm, va) != 0) break;
    pte = pgdir_walk(mm->pgdir, va, 0);
    if (pte == NULL || !(*pte & PTE_P)) {
      if (++tries > 2) break;
      continue;
    }
    tries = 0;
    memcpy((char *)phys_to_virt(*pte & PAGE_MASK) + (va & ~PAGE_MASK), (const char *)src + done, chunk);
    *pte |= PTE_D;
    done += chunk;
  }
  return (int)done;
}
