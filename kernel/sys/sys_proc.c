/*
 * sys_proc.c — the small process system calls: identities, process groups
 * and sessions, priorities, yielding, sleeping, the heap break, CPU times.
 * Each checks its arguments and user pointers and returns -errno as Linux
 * does for the same mistake. Every pid, group and session number in or
 * out is the caller's pid namespace's (pid_ns.c): a process outside it is
 * not found (ESRCH) and an outside leader's number reads 0.
 */
#include "gen/syscall_table.h"
#include "dev.h"
#include "hrtimer.h"
#include "lib.h"
#include "proc.h"
#include "syscall.h"
#include "hako/errno.h"
#include "vm.h"

/* The thread group's number in its own (deepest) pid namespace: the
 * global pid outside any. One load, as getpid is the cheapest call. */
int sys_getpid(void) {
  struct proc *leader = current->group_leader;
  return leader->pidn.nr[leader->pidn.level];   /* gettid is the thread's (thread.c) */
}

int sys_getppid(void) {
  return ppid_vnr(current);
}

int sys_getpgrp(void) {
  return pgid_nr_ns(current, task_active_pid_ns(current));
}

int sys_getpgid(int pid) {
  struct proc *p = pid == 0 ? current : proc_find_vpid(pid);
  if (p == NULL) return -ESRCH;
  return pgid_nr_ns(p, task_active_pid_ns(current));
}

int sys_getsid(int pid) {
  struct proc *p = pid == 0 ? current : proc_find_vpid(pid);
  if (p == NULL) return -ESRCH;
  return sid_nr_ns(p, task_active_pid_ns(current));
}

int sys_setpgid(int pid, int pgid) {
  struct proc *p = pid == 0 ? current : proc_find_vpid(pid);
  struct proc *member = NULL;
  if (pgid < 0) return -EINVAL;
  if (p == NULL || (p != current && p->parent != current->group_leader)) return -ESRCH;
  if (p->pid == p->sid || p->sid != current->sid) return -EPERM;
  if (pgid == 0) pgid = pid_vnr(p);
  if (pgid != pid_vnr(p)) {
    /* Joining a group: it must exist in the same session. */
    struct list_head *n;
    int gpgid = pgid_from_vnr(pgid);
    for (n = all_procs.next; n != &all_procs; n = n->next) {
      struct proc *q = list_entry(n, struct proc, all_node);
      if (gpgid != 0 && q->pgid == gpgid && q->sid == current->sid && q->state != P_ZOMBIE) member = q;
    }
    if (member == NULL) return -EPERM;
    pid_ns_set_group(p, member);
    return 0;
  }
  p->pgid = p->pid;
  p->pgidn = p->pidn;
  return 0;
}

int sys_setsid(void) {
  struct list_head *n;
  for (n = all_procs.next; n != &all_procs; n = n->next) {
    struct proc *q = list_entry(n, struct proc, all_node);
    if (q->pgid == current->pid) return -EPERM;   /* already a group leader */
  }
  pid_ns_set_session(current);
  return pid_vnr(current);
}

int sys_nice(int increment) {
  int nice;
  if (increment < -40) increment = -40;
  if (increment > 40) increment = 40;
  nice = current->nice + increment;
  if (increment < 0 && current->uid != 0) return -EPERM;
  set_nice(current, nice);
  return 0;
}

#define PRIO_PROCESS 0
#define PRIO_PGRP 1
#define PRIO_USER 2

/* Linux returns 20 - nice from the raw system call (so it is never negative). */
int sys_getpriority(int which, int who) {
  struct list_head *n;
  int best = -1;
  if (which < PRIO_PROCESS || which > PRIO_USER) return -EINVAL;
  for (n = all_procs.next; n != &all_procs; n = n->next) {
    struct proc *p = list_entry(n, struct proc, all_node);
    int match;
    if (p->pid == 0 || p->state == P_ZOMBIE || !proc_visible(p)) continue;
    if (which == PRIO_PROCESS) match = who ? pid_vnr(p) == who : p == current;
    else if (which == PRIO_PGRP) match = p->pgid == (who ? pgid_from_vnr(who) : current->pgid);
    else match = (int)p->uid == (who ? who : (int)current->uid);
    if (match && 20 - p->nice > best) best = 20 - p->nice;
  }
  return best < 0 ? -ESRCH : best;
}

int sys_setpriority(int which, int who, int prio) {
  struct list_head *n;
  int found = 0;
  if (which < PRIO_PROCESS || which > PRIO_USER) return -EINVAL;
  for (n = all_procs.next; n != &all_procs; n = n->next) {
    struct proc *p = list_entry(n, struct proc, all_node);
    int match;
    if (p->pid == 0 || p->state == P_ZOMBIE || p->mm == NULL || !proc_visible(p)) continue;
    if (which == PRIO_PROCESS) match = who ? pid_vnr(p) == who : p == current;
    else if (which == PRIO_PGRP) match = p->pgid == (who ? pgid_from_vnr(who) : current->pgid);
    else match = (int)p->uid == (who ? who : (int)current->uid);
    if (!match) continue;
    found = 1;
    if (prio < p->nice && current->uid != 0) return -EACCES;
    set_nice(p, prio);
  }
  return found ? 0 : -ESRCH;
}

int sys_sched_yield(void) {
  yield_to_others();
  return 0;
}

/* Linux's brk returns the (new or unchanged) break, never an error code. */
int sys_brk(u32 addr) {
  struct mm *mm = current->mm;
  u32 old_end = ALIGN_UP(mm->brk, PAGE_SIZE);
  u32 new_end = ALIGN_UP(addr, PAGE_SIZE);
  if (addr != 0 && addr >= mm->start_brk) {
    /* Growing is limited by RLIMIT_AS and RLIMIT_DATA (the heap is data). */
    if (new_end <= old_end || rlimit_may_expand(mm, new_end - old_end, 1) == 0) do_brk(mm, addr);
  }
  return (int)mm->brk;
}

struct tms {
  u32 tms_utime, tms_stime, tms_cutime, tms_cstime;
};

int sys_times(struct tms *buf) {
  struct tms t;
  t.tms_utime = current->utime;
  t.tms_stime = current->stime;
  t.tms_cutime = current->cutime;
  t.tms_cstime = current->cstime;
  if (buf && copyout(buf, &t, sizeof t) != 0) return -EFAULT;
  return (int)jiffies;
}

struct timespec {
  int tv_sec;
  int tv_nsec;
};

/* The sleep of nanosleep and restart_syscall: until `deadline`, in µs of
 * uptime (low 32 bits, proc/hrtimer.c) when `hres`, else in jiffies (a
 * sleep longer than HRTIMER_MAX_US). A signal ends it with the time left
 * in *rem (also when the sleep will be restarted, as Linux writes it) and
 * -ERESTART_RESTARTBLOCK: the caller sees -EINTR if a handler runs, else
 * the sleep goes on (syscall.c). */
int nanosleep_until(u32 deadline, int hres, void *rem) {
  struct timespec ts;
  u32 left = 0;
  current->restart_deadline = 0;
  if ((hres ? sleep_until_us(deadline) : sleep_until(deadline)) == 0) return 0;
  if (rem) {
    if (hres) {
      u32 now = timer_uptime_us_low();
      if ((int)(deadline - now) > 0) left = deadline - now;
      ts.tv_sec = (int)(left / 1000000u);
      ts.tv_nsec = (int)((left % 1000000u) * 1000u);
    } else {
      if ((int)(deadline - jiffies) > 0) left = deadline - jiffies;
      ts.tv_sec = (int)(left / HZ);
      ts.tv_nsec = (int)((left % HZ) * 10000000u);
    }
    if (copyout(rem, &ts, sizeof ts) != 0) return -EFAULT;
  }
  current->restart_deadline = deadline;
  current->restart_hres = hres;
  current->restart_rem = rem;
  return -ERESTART_RESTARTBLOCK;
}

/* A relative sleep of ts (valid): on a high-resolution timer when it
 * fits, else on ticks. */
static int sleep_for(struct timespec ts, void *rem) {
  u32 ticks, us;
  if (ts.tv_sec == 0 && ts.tv_nsec == 0) return 0;
  if (timespec_to_us(ts.tv_sec, ts.tv_nsec, &us) == 0)
    return nanosleep_until(hrtimer_deadline_after(us), 1, rem);
  ticks = (u32)ts.tv_sec * HZ + ((u32)ts.tv_nsec + 9999999u) / 10000000u;
  /* One tick more: the current tick has partly gone by, and a sleep may
   * never be shorter than asked (Linux's jiffies timers do the same). */
  return nanosleep_until(jiffies + ticks + 1, 0, rem);
}

int sys_nanosleep(const struct timespec *req, struct timespec *rem) {
  struct timespec ts;
  if (copyin(&ts, req, sizeof ts) != 0) return -EFAULT;
  if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000) return -EINVAL;
  return sleep_for(ts, rem);
}

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define TIMER_ABSTIME 1

/* clock_nanosleep(2): nanosleep on CLOCK_REALTIME or CLOCK_MONOTONIC
 * (the same sleep: both clocks advance with the uptime), relative or, with
 * TIMER_ABSTIME, until the clock reads req — made relative here, so a
 * later settimeofday does not move it (Linux would), and rem is left
 * alone as Linux does for an absolute sleep. */
int sys_clock_nanosleep(int clock, int flags, const void *req, void *rem) {
  struct timespec ts;
  u32 s, us;
  if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC) return -EINVAL;
  if (copyin(&ts, req, sizeof ts) != 0) return -EFAULT;
  if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000) return -EINVAL;
  if (!(flags & TIMER_ABSTIME)) return sleep_for(ts, rem);
  uptime(&s, &us);
  if (clock == CLOCK_REALTIME) s = time_now();
  ts.tv_sec -= (int)s;
  ts.tv_nsec -= (int)(us * 1000u);
  if (ts.tv_nsec < 0) {
    ts.tv_nsec += 1000000000;
    ts.tv_sec--;
  }
  if (ts.tv_sec < 0) return 0;   /* already past */
  return sleep_for(ts, NULL);
}
