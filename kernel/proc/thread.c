/*
 * thread.c — thread groups: thread ids, the end of one thread versus the
 * group, execve from a thread, thread-directed signals, the thread pointer
 * (TLS), and the CPU-affinity calls.
 *
 * A thread group is a leader (pid == tgid) and the threads clone made with
 * CLONE_THREAD, all on the leader's thread_list; nr_threads counts those
 * that have not exited. getpid is the tgid, gettid the pid. A thread
 * other than the leader is never waited for: when it exits it moves to
 * dead_threads and the next schedule() frees it (it cannot free the
 * kernel stack it is running on). The leader exits like any thread but
 * stays a zombie until nr_threads reaches 0; then the parent hears of
 * the group (exit.c). exit_group and fatal signals set group_exiting and
 * SIGKILL every other thread, so they end at their next return towards
 * user mode (kernel code is never torn down in the middle).
 *
 * execve from any thread (de_thread) kills the others first and waits,
 * uninterruptibly, until they have all exited; a non-leader then takes
 * the leader's pid (and parent, children, pending group signals) and the
 * old leader's zombie is freed without a report, as Linux does.
 *
 * Invariants: every proc is on its leader's thread_list until it exits
 * (the leader stays until it is reaped); group fields (nr_threads,
 * group_exiting, shared_pending, group_exec) are read and written on the
 * leader only, with interrupts off.
 */
#include "gen/syscall_table.h"
#include "arch.h"
#include "lib.h"
#include "proc.h"
#include "signal.h"
#include "syscall.h"
#include "hako/errno.h"
#include "hako/sched.h"
#include "vm.h"

static struct list_head dead_threads = {&dead_threads, &dead_threads};

/* Wakes t so it sees a signal it cannot ignore (SIGKILL, SIGCONT, or one
 * chosen for it): a stopped thread runs again, an interruptible sleep ends. */
void group_wake_for_signal(struct proc *t) {
  /* A stopped thread stays stopped for everything but SIGKILL (SIGCONT
   * resumes it in prepare_signal): a handled signal waits, pending, until
   * the process runs again (Linux's signal_wake_up resumes only for kill). */
  if (t->state == P_STOPPED) {
    if ((t->sig_pending | t->group_leader->shared_pending) & (1u << (SIGKILL - 1))) make_runnable(t);
  }
  else if (t->state == P_SLEEPING && !t->uninterruptible) make_runnable(t);
}

/* SIGKILL to every live thread of self's group but self. */
void kill_other_threads(struct proc *self) {
  struct proc *leader = self->group_leader;
  struct list_head *n;
  u32 flags = irq_save();
  for (n = leader->thread_list.next; n != &leader->thread_list; n = n->next) {
    struct proc *t = list_entry(n, struct proc, thread_node);
    if (t == self || t->state == P_ZOMBIE) continue;
    t->sig_pending |= 1u << (SIGKILL - 1);
    group_wake_for_signal(t);
  }
  irq_restore(flags);
}

/* A thread exits: CLONE_CHILD_CLEARTID (or set_tid_address) asks for a 0
 * at that address and a futex wake, which is how a joiner learns of it.
 * Done only while other users of the address space remain, as Linux. */
void thread_exit_notify(struct proc *p) {
  u32 zero = 0;
  u32 *addr = p->clear_child_tid;
  p->clear_child_tid = NULL;
  if (addr == NULL || p->mm == NULL || p->mm->refcount < 2) return;
  if (copyout(addr, &zero, 4) == 0) futex_wake_address(addr, 1);
}

/* Called by do_exit, interrupts off, for a thread that is not its
 * group's leader: off the group's list, onto the list schedule() frees. */
void thread_died(struct proc *p) {
  list_del(&p->thread_node);
  list_add_tail(&p->thread_node, &dead_threads);
}

/* schedule(), interrupts off: free the threads that have switched away
 * for the last time (the current one may still be on its way out). */
void reap_dead_threads(void) {
  struct list_head *n = dead_threads.next;
  while (n != &dead_threads) {
    struct proc *p = list_entry(n, struct proc, thread_node);
    n = n->next;
    if (p != current) proc_free(p);
  }
}

int thread_group_empty(struct proc *leader) {
  return leader->nr_threads == 0;
}

/* execve's first step when the group has other threads; 0, or -EINTR
 * when the group is being killed meanwhile (the caller dies too). */
int de_thread(void) {
  struct proc *leader = current->group_leader;
  struct proc *old;
  struct list_head *n;
  u32 flags;
  int tid;
  if (leader == current && leader->nr_threads == 1) return 0;
  flags = irq_save();
  if (leader->group_exiting) {
    irq_restore(flags);
    return -EINTR;
  }
  leader->group_exec = current;
  kill_other_threads(current);
  while (leader->nr_threads > 1) sleep_uninterruptible(&leader->nr_threads);
  leader->group_exec = NULL;
  if (leader == current) {
    irq_restore(flags);
    return 0;
  }
  /* Take over the leader's identity; it is a zombie that has switched
   * away for good, so it can be freed now. */
  old = leader;
  tid = current->pid;
  current->pid = old->pid;
  old->pid = tid;
  {
    struct pidnums mine = current->pidn;   /* the numbers go with the pid, in every namespace */
    current->pidn = old->pidn;
    old->pidn = mine;
  }
  if (old->pid_ns && old->pid_ns->child_reaper == old) old->pid_ns->child_reaper = current;
  list_del(&current->thread_node);
  list_init(&current->thread_list);
  list_add_tail(&current->thread_node, &current->thread_list);
  current->group_leader = current;
  current->nr_threads = 1;
  current->parent = old->parent;
  current->exit_signal = old->exit_signal;
  current->shared_pending = old->shared_pending;
  current->cutime = old->cutime;
  current->cstime = old->cstime;
  current->start_jiffies = old->start_jiffies;
  for (n = all_procs.next; n != &all_procs; n = n->next) {
    struct proc *c = list_entry(n, struct proc, all_node);
    if (c->parent == old) c->parent = current;
  }
  old->group_leader = current;   /* freed as a thread: the process count stays */
  proc_free(old);
  irq_restore(flags);
  return 0;
}

int sys_gettid(void) {
  return pid_vnr(current);
}

int sys_set_tid_address(u32 *tidptr) {
  current->clear_child_tid = tidptr;
  return pid_vnr(current);
}

/* tkill/tgkill: a signal for one thread (its own pending set). */
static int kill_thread(int tgid, int tid, int sig) {
  struct proc *p;
  if (tid <= 0 || sig < 0 || sig >= NSIG) return -EINVAL;
  p = proc_find_vpid(tid);
  if (p == NULL || p->state == P_ZOMBIE || p->mm == NULL) return -ESRCH;
  if (tgid > 0 && tgid_vnr(p) != tgid) return -ESRCH;
  if (!may_signal(p, sig)) return -EPERM;
  return sig ? send_signal_thread(p, sig) : 0;
}

int sys_tkill(int tid, int sig) {
  return kill_thread(-1, tid, sig);
}

int sys_tgkill(int tgid, int tid, int sig) {
  if (tgid <= 0) return -EINVAL;
  return kill_thread(tgid, tid, sig);
}

/* CLONE_SETTLS and set_thread_area: Linux's struct user_desc; Hako keeps
 * only base_addr, as the thread pointer. The entry must be "any" (-1) or
 * the one Hako has (6). */
int tls_from_user_desc(const void *user_desc, u32 *tp) {
  struct user_desc d;
  if (copyin(&d, user_desc, sizeof d) != 0) return -EFAULT;
  if (d.entry_number != 0xFFFFFFFFu && d.entry_number != HAKO_TLS_ENTRY) return -EINVAL;
  *tp = d.base_addr;
  return 0;
}

int sys_set_thread_area(struct user_desc *u) {
  u32 tp;
  u32 entry = HAKO_TLS_ENTRY;
  int err = tls_from_user_desc(u, &tp);
  if (err) return err;
  if (copyout(&u->entry_number, &entry, 4) != 0) return -EFAULT;
  current->tls = tp;
  tls_load(tp);
  return 0;
}

/* One CPU: the affinity mask is bit 0. */
#define CPUMASK_BYTES 4

static struct proc *affinity_target(int pid) {
  struct proc *p = pid == 0 ? current : proc_find_vpid(pid);
  if (p == NULL || p->mm == NULL || p->state == P_ZOMBIE) return NULL;
  return p;
}

int sys_sched_setaffinity(int pid, u32 len, const u32 *mask) {
  struct proc *p;
  u32 m = 0;
  u32 n = len < CPUMASK_BYTES ? len : CPUMASK_BYTES;
  if (copyin(&m, mask, n) != 0) return -EFAULT;
  p = affinity_target(pid);
  if (p == NULL) return -ESRCH;
  if (current->uid != 0 && current->uid != p->uid && current->uid != p->ruid) return -EPERM;
  if ((m & 1) == 0) return -EINVAL;   /* no CPU that exists */
  return 0;
}

int sys_sched_getaffinity(int pid, u32 len, u32 *mask) {
  u32 m = 1;
  if (len < CPUMASK_BYTES || (len & 3) != 0) return -EINVAL;
  if (affinity_target(pid) == NULL) return -ESRCH;
  if (copyout(mask, &m, CPUMASK_BYTES) != 0) return -EFAULT;
  return CPUMASK_BYTES;
}
