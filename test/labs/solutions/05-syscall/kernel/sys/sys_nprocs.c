/*
 * sys_nprocs.c — lab 05's system call: how many processes exist (every
 * entry of the process list except the idle task, pid 0: what /proc
 * lists). The count goes out through copyout, which refuses any address
 * outside user space, so a wild or kernel pointer is -EFAULT, never a
 * write into the kernel.
 */
#include "gen/syscall_table.h"
#include "lib.h"
#include "proc.h"
#include "hako/errno.h"
#include "vm.h"

int sys_nprocs(u32 *count) {
  struct list_head *n;
  u32 total = 0;
  for (n = all_procs.next; n != &all_procs; n = n->next) {
    struct proc *p = list_entry(n, struct proc, all_node);
    if (p->pid > 0) total++;
  }
  if (copyout(count, &total, sizeof total) < 0) return -EFAULT;
  return 0;
}
