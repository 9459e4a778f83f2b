/*
 * swap.c — swap slots and swap-in (issue 5; placeholder until swap exists:
 * no PTE ever holds a swap entry yet).
 */
#include "gen/syscall_table.h"
#include "hako/errno.h"
#include "swap.h"

int swap_in_fault(struct mm *mm, struct vm_area *v, u32 va, pte_t *pte, u32 err) {
  (void)mm; (void)v; (void)va; (void)pte; (void)err;
  return -EFAULT;
}

void swap_entry_free(pte_t entry) { (void)entry; }

void swap_entry_dup(pte_t entry) { (void)entry; }

u32 swap_total_pages(void) { return 0; }

u32 swap_free_pages(void) { return 0; }

u32 vm_stat_pgmajfault;
u32 vm_stat_pswpin;
u32 vm_stat_pswpout;
u32 vm_stat_oom_kill;

int sys_swapon(const char *path, int flags) {
  (void)path; (void)flags;
  return -ENOSYS;
}

int sys_swapoff(const char *path) {
  (void)path;
  return -ENOSYS;
}
