/*
 * cpustat.c — where the CPU's time went, system-wide, as Linux's
 * /proc/stat "cpu" line counts it: in ticks (USER_HZ = HZ = 100), sampled
 * at each timer tick by what the tick interrupted.
 *
 * A tick that interrupted user mode is "user" time (or "nice" when the
 * process runs at a positive nice), one that interrupted the kernel on a
 * process's behalf is "system"; the idle thread's ticks are "iowait" while
 * some process waits for the disk and "idle" otherwise. irq and softirq
 * stay 0: IRQ handlers run with interrupts off, so the tick never finds
 * the CPU inside one (as Linux without IRQ time accounting), and there
 * are no softirqs. Also counted: processes created since boot (/proc/stat
 * "processes", Linux's total_forks).
 *
 * Invariant: the counters only grow, and user + nice + system + idle +
 * iowait is the number of ticks since the timer started.
 */
#include "proc.h"

u32 cpustat[CPUTIME_NR];
u32 total_forks;

/* Processes asleep waiting for the disk (/proc/stat's procs_blocked). */
u32 nr_iowait(void) {
  struct list_head *n;
  u32 count = 0;
  for (n = all_procs.next; n != &all_procs; n = n->next) {
    struct proc *p = list_entry(n, struct proc, all_node);
    if (p->state == P_SLEEPING && p->uninterruptible) count++;
  }
  return count;
}

/* From sched_tick (interrupts off). */
void cpustat_tick(struct proc *p, int user, int idle) {
  if (idle) cpustat[nr_iowait() > 0 ? CPUTIME_IOWAIT : CPUTIME_IDLE]++;
  else if (user) cpustat[p->nice > 0 ? CPUTIME_NICE : CPUTIME_USER]++;
  else cpustat[CPUTIME_SYSTEM]++;
}
