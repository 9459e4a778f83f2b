/*
 * signal.c — signals, the essentials: sending (kill to a process, a
 * process group or everyone), forced signals for faults, and default
 * actions on the way back to user mode (terminate, ignore, stop, continue).
 *
 * A signal is a bit in sig_pending. Sending wakes the target if it sleeps
 * (every sleep is interruptible: sleep_on returns -EINTR) and resumes it if
 * stopped and the signal is SIGKILL or SIGCONT. Delivery happens only in
 * deliver_signals, called by trap() before returning to user mode, so a
 * process is never torn down in the middle of kernel code; synchronous
 * signals (the faults) are delivered before the others, as on Linux.
 * SIGKILL and SIGSTOP cannot be blocked or ignored. Threads (thread.c):
 * kill and every kernel-sent signal go to the thread group (the leader's
 * shared_pending, taken by whichever thread delivers first; a thread not
 * blocking it is woken), tkill/tgkill to one thread (its sig_pending); a
 * signal whose default action kills ends every thread, a stop stops them
 * all, SIGCONT resumes them all. Kernel threads ignore
 * signals. A kill(2) from a process is refused with EPERM unless the
 * sender may signal the target (may_signal, cred.c: root or matching
 * uids); signals the kernel itself sends (tty, faults, SIGCHLD) are not
 * checked.
 *
 * init (pid 1) is the child reaper, and as on Linux only the signals it has
 * a handler for reach it: any other, SIGKILL and SIGSTOP included, is
 * dropped at send time, so it can neither interrupt init's wait nor stop
 * it. Its own faults are not sends (force_sig): unhandled, they kill it and
 * the kernel panics.
 *
 * A fault cannot be blocked or ignored either (force_sig, like Linux's
 * force_sig_info): if it is, the action goes back to the default and the
 * signal is unblocked, so the process either runs its handler or dies,
 * instead of restarting the faulting instruction forever. A user handler
 * (sigaction.c) gets a signal frame on the user stack; the process returns
 * from it through sigreturn.
 */
#include "gen/syscall_table.h"
#include "arch.h"
#include "lib.h"
#include "printk.h"
#include "proc.h"
#include "signal.h"
#include "syscall.h"
#include "trace.h"
#include "hako/errno.h"

#define SIGBIT(sig) (1u << ((sig) - 1))
#define UNBLOCKABLE (SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))
#define DEFAULT_IGNORE (SIGBIT(SIGCHLD) | SIGBIT(SIGURG) | SIGBIT(SIGWINCH) | SIGBIT(SIGCONT))
#define DEFAULT_STOP (SIGBIT(SIGSTOP) | SIGBIT(SIGTSTP) | SIGBIT(SIGTTIN) | SIGBIT(SIGTTOU))
#define SYNCHRONOUS (SIGBIT(SIGSEGV) | SIGBIT(SIGBUS) | SIGBIT(SIGILL) | SIGBIT(SIGTRAP) | SIGBIT(SIGFPE))
/* Default action "core" (Linux's SIG_KERNEL_COREDUMP_MASK): the wait
 * status says so (W_CORE), though Hako writes no core file. */
#define DEFAULT_CORE \
  (SIGBIT(SIGQUIT) | SIGBIT(SIGILL) | SIGBIT(SIGTRAP) | SIGBIT(SIGABRT) | SIGBIT(SIGBUS) | SIGBIT(SIGFPE) | \
   SIGBIT(SIGSEGV) | SIGBIT(SIGSYS) | SIGBIT(SIGXCPU) | SIGBIT(SIGXFSZ))
#define SA_NOCLDSTOP 0x00000001u

int signal_exit_status(int sig) {
  return W_EXITCODE(0, sig) | ((SIGBIT(sig) & DEFAULT_CORE) ? W_CORE : 0);
}

/* A child stopped or continued: SIGCHLD for the parent unless its SIGCHLD
 * action has SA_NOCLDSTOP; wait4 is woken either way. */
static void notify_parent_stop_or_continue(struct proc *p) {
  if (!(p->parent->sighand->flags[SIGCHLD] & SA_NOCLDSTOP)) send_signal(p->parent, SIGCHLD);
  wakeup(p->parent);
}

int signal_pending(struct proc *p) {
  return ((p->sig_pending | p->group_leader->shared_pending) & (~p->sig_blocked | UNBLOCKABLE)) != 0;
}

static int wants_signal(struct proc *t, int sig) {
  if (t->state == P_ZOMBIE) return 0;
  return !(t->sig_blocked & SIGBIT(sig)) || (SIGBIT(sig) & UNBLOCKABLE);
}

/* The checks common to group and thread signals, interrupts off: stop and
 * continue cancel each other group-wide, SIGKILL and SIGCONT resume every
 * stopped thread. Returns 0 when the signal is dropped (ignored). */
static int prepare_signal(struct proc *leader, int sig) {
  struct list_head *n;
  int was_stopped = 0;
  if (sig == SIGKILL || sig == SIGCONT) {
    leader->shared_pending &= ~(DEFAULT_STOP);
    for (n = leader->thread_list.next; n != &leader->thread_list; n = n->next) {
      struct proc *t = list_entry(n, struct proc, thread_node);
      t->sig_pending &= ~(DEFAULT_STOP);
      if (t->state == P_STOPPED && (sig == SIGKILL || !t->ptrace_stopped)) {   /* only the tracer ends a ptrace stop */
        was_stopped = 1;
        make_runnable(t);
      }
    }
    /* A resume is news for the parent (wait4 WCONTINUED), as on Linux. */
    if (sig == SIGCONT && was_stopped && leader->parent) {
      leader->stop_reported = 0;
      leader->cont_reported = 1;
      notify_parent_stop_or_continue(leader);
    }
  }
  if (SIGBIT(sig) & DEFAULT_STOP) {
    leader->shared_pending &= ~SIGBIT(SIGCONT);
    for (n = leader->thread_list.next; n != &leader->thread_list; n = n->next) {
      list_entry(n, struct proc, thread_node)->sig_pending &= ~SIGBIT(SIGCONT);
    }
  }
  /* Ignored signals are dropped at once (as Linux does), so they never
   * interrupt a sleep: explicitly ignored ones, and default-ignore ones
   * (SIGCHLD, SIGURG, SIGWINCH, SIGCONT) without a handler. */
  if (((leader->sighand->handler[sig] == SIG_IGN && sig != SIGKILL && sig != SIGSTOP) ||
       (leader->sighand->handler[sig] == SIG_DFL && (SIGBIT(sig) & DEFAULT_IGNORE))) &&
      !leader->tracer) {   /* a tracer sees even ignored signals (Linux's sig_ignored) */
    return 0;
  }
  return 1;
}

/* A signal whose default action ends the process, with no handler: the
 * whole group dies at once (Linux's complete_signal), whichever thread
 * it was sent to, unless the chosen thread blocks it. */
static void maybe_kill_group(struct proc *leader, struct proc *t, int sig) {
  if (sig != SIGKILL && (leader->sighand->handler[sig] != SIG_DFL || (SIGBIT(sig) & (DEFAULT_STOP | DEFAULT_IGNORE))))
    return;
  if (!wants_signal(t, sig) || leader->group_exiting) return;
  if (leader == init_proc) return;
  if (sig != SIGKILL && t->tracer) return;   /* its tracer sees the signal first (ptrace.c) */
  leader->group_exiting = 1;
  leader->group_exit_code = signal_exit_status(sig);
  kill_other_threads(t);
  t->sig_pending |= SIGBIT(SIGKILL);
  group_wake_for_signal(t);
}

/* A signal for the thread group of p (kill, the tty, SIGCHLD): pending in
 * the group's set; a thread not blocking it — p if it can, else any —
 * is woken to take it (POSIX). */
int send_signal(struct proc *p, int sig) {
  struct proc *leader, *t = NULL;
  struct list_head *n;
  u32 flags;
  if (sig < 1 || sig >= NSIG) return -EINVAL;
  leader = p->group_leader;
  if (leader->sighand == NULL) return 0;   /* kernel threads */
  trace2(TR_SIGNAL, sig, p->pid);
  /* Only what init handles reaches it (Linux's SIGNAL_UNKILLABLE): a
   * default action could kill or stop the child reaper. */
  if (leader == init_proc && leader->sighand->handler[sig] == SIG_DFL) return 0;
  if (pid_ns_unkillable(leader, sig)) return 0;   /* a pid namespace's init, likewise */
  flags = irq_save();
  if (!prepare_signal(leader, sig)) {
    irq_restore(flags);
    return 0;
  }
  leader->shared_pending |= SIGBIT(sig);
  if (wants_signal(p, sig)) t = p;
  for (n = leader->thread_list.next; t == NULL && n != &leader->thread_list; n = n->next) {
    struct proc *c = list_entry(n, struct proc, thread_node);
    if (wants_signal(c, sig)) t = c;
  }
  if (t) {
    maybe_kill_group(leader, t, sig);
    group_wake_for_signal(t);
  }
  irq_restore(flags);
  return 0;
}

/* A signal for thread t alone (tkill, tgkill): pending in its own set. A
 * fatal one still ends the whole group, as on Linux. */
int send_signal_thread(struct proc *t, int sig) {
  struct proc *leader = t->group_leader;
  u32 flags;
  if (sig < 1 || sig >= NSIG) return -EINVAL;
  if (t->sighand == NULL) return 0;
  if (leader == init_proc && leader->sighand->handler[sig] == SIG_DFL) return 0;
  if (pid_ns_unkillable(leader, sig)) return 0;
  flags = irq_save();
  if (prepare_signal(leader, sig)) {
    t->sig_pending |= SIGBIT(sig);
    maybe_kill_group(leader, t, sig);
    if (wants_signal(t, sig)) group_wake_for_signal(t);
  }
  irq_restore(flags);
  return 0;
}

/* sigaction(SIG_IGN): a pending one is discarded, for every thread. */
void discard_pending_signal(int sig) {
  struct proc *leader = current->group_leader;
  struct list_head *n;
  leader->shared_pending &= ~SIGBIT(sig);
  for (n = leader->thread_list.next; n != &leader->thread_list; n = n->next) {
    list_entry(n, struct proc, thread_node)->sig_pending &= ~SIGBIT(sig);
  }
}

int kill_pgrp(int pgid, int sig) {
  struct list_head *n;
  int found = 0;
  for (n = all_procs.next; n != &all_procs; n = n->next) {
    struct proc *p = list_entry(n, struct proc, all_node);
    if (p->pgid == pgid && p->pid > 0 && p->group_leader == p && !thread_group_empty(p)) {
      found = 1;
      if (sig) send_signal(p, sig);
    }
  }
  return found ? 0 : -ESRCH;
}

/* kill(2) from a process: each target must pass may_signal (cred.c).
 * A group send succeeds if any member got the signal, else it answers
 * the last refusal (EPERM) or ESRCH; kill(-1) is ESRCH only when there is
 * nobody else at all (Linux's __kill_pgrp_info and kill(-1) rules). */
static int user_kill_pgrp(int pgid, int sig) {
  struct list_head *n;
  int sent = 0;
  int err = -ESRCH;
  for (n = all_procs.next; n != &all_procs; n = n->next) {
    struct proc *p = list_entry(n, struct proc, all_node);
    if (p->pgid != pgid || p->pid <= 0 || p->group_leader != p || thread_group_empty(p)) continue;
    if (!may_signal(p, sig)) {
      err = -EPERM;
      continue;
    }
    sent = 1;
    if (sig) send_signal(p, sig);
  }
  return sent ? 0 : err;
}

#define INT_MIN_PID (-2147483647 - 1)   /* -pid would overflow */

int sys_kill(int pid, int sig) {
  struct proc *p;
  if (sig < 0 || sig >= NSIG) return -EINVAL;
  if (pid > 0) {
    p = proc_find_vpid(pid);   /* a tid names its group, as on Linux; numbers are the caller's namespace's */
    if (p == NULL || thread_group_empty(p->group_leader)) return -ESRCH;
    if (!may_signal(p, sig)) return -EPERM;
    return sig ? send_signal(p, sig) : 0;
  }
  if (pid == 0) return user_kill_pgrp(current->pgid, sig);
  if (pid < -1) return pid == INT_MIN_PID ? -ESRCH : user_kill_pgrp(pgid_from_vnr(-pid), sig);
  {
    struct list_head *n;
    int found = 0;
    for (n = all_procs.next; n != &all_procs; n = n->next) {
      p = list_entry(n, struct proc, all_node);
      /* Everyone the caller's pid namespace sees but its init (1 there). */
      if (pid_vnr(p) > 1 && p->group_leader == p && p != current->group_leader && p->sighand != NULL &&
          !thread_group_empty(p)) {
        found = 1;
        if (sig && may_signal(p, sig)) send_signal(p, sig);
      }
    }
    return found ? 0 : -ESRCH;
  }
}

/* A synchronous fault of the current process (trap.c), or a sigreturn
 * frame it cannot read: the signal cannot be blocked or ignored. A blocked
 * or ignored one gets its default action back and is unblocked, so a
 * faulting instruction never restarts forever. Returns 1 when a user
 * handler will run (the signal is pending, delivered first on the way
 * out); 0 when the signal is fatal: the caller reports it (rate-limited)
 * and ends the process with do_exit(signal_exit_status(sig)) — for init too,
 * which then panics as on Linux. */
int force_sig(int sig) {
  u32 bit = SIGBIT(sig);
  if ((current->sig_blocked & bit) || current->sighand->handler[sig] == SIG_IGN) current->sighand->handler[sig] = SIG_DFL;
  current->sig_blocked &= ~bit;
  if (current->sighand->handler[sig] == SIG_DFL) return 0;
  current->sig_pending |= bit;
  return 1;
}

/* A stop signal's default action stops the whole group: the other
 * threads get SIGSTOP of their own and stop on their way out; the parent
 * hears of it once, through the leader, when the last thread has stopped
 * (as Linux's group stop: wait then finds the leader stopped). */
static void stop_current(int sig) {
  u32 flags = irq_save();
  struct proc *leader = current->group_leader;
  struct list_head *n;
  int running = 0;   /* other threads not stopped yet */
  for (n = leader->thread_list.next; n != &leader->thread_list; n = n->next) {
    struct proc *t = list_entry(n, struct proc, thread_node);
    if (t == current || t->state == P_ZOMBIE || t->state == P_STOPPED) continue;
    running++;
    t->sig_pending |= SIGBIT(SIGSTOP);
    group_wake_for_signal(t);
  }
  current->state = P_STOPPED;
  if (running == 0) {
    leader->exit_code = W_STOPCODE(sig);
    leader->stop_reported = 1;
    leader->cont_reported = 0;
    if (leader->parent) notify_parent_stop_or_continue(leader);
  }
  schedule();
  irq_restore(flags);
}

void deliver_signals(struct trapframe *tf) {
  struct proc *leader = current->group_leader;
  for (;;) {
    u32 ready = (current->sig_pending | leader->shared_pending) & (~current->sig_blocked | UNBLOCKABLE);
    int sig;
    u32 bit;
    if (ready == 0) {
      sigsuspend_restore_mask();   /* no handler ran for what woke rt_sigsuspend */
      return;
    }
    /* A fault's handler runs first, unless the process is being killed. */
    if ((ready & SYNCHRONOUS) && !(ready & SIGBIT(SIGKILL))) ready &= SYNCHRONOUS;
    for (sig = 1; sig < NSIG; sig++) {
      if (ready & SIGBIT(sig)) break;
    }
    bit = SIGBIT(sig);
    /* The thread's own signals first, then the group's. */
    if (current->sig_pending & bit) current->sig_pending &= ~bit;
    else leader->shared_pending &= ~bit;
    /* Traced: the tracer sees the signal first and says what to deliver. */
    if (current->tracer && sig != SIGKILL) {
      sig = ptrace_signal(sig);
      if (sig == 0) continue;
      bit = SIGBIT(sig);
      if (current->sig_blocked & bit & ~UNBLOCKABLE) {
        current->sig_pending |= bit;
        continue;
      }
    }
    trace2(TR_DELIVER, sig, current->sighand->handler[sig]);
    if (current->sighand->handler[sig] == SIG_IGN && !(bit & UNBLOCKABLE)) continue;
    if (current->sighand->handler[sig] != SIG_DFL && current->sighand->handler[sig] != SIG_IGN && !(bit & UNBLOCKABLE)) {
      syscall_restart_for_handler(tf, sig);   /* EINTR, or a restart under SA_RESTART */
      if (setup_signal_frame(tf, sig) == 0) return;   /* one handler at a time */
      /* No room for the frame (a bad stack pointer): as Linux's
       * force_sigsegv, the process dies of SIGSEGV. */
      if (printk_ratelimit("deliver_signals"))
        printk(KERN_INFO, "%s[%d]: cannot write a signal frame for signal %d; killed", current->name, current->pid, sig);
      do_group_exit(signal_exit_status(SIGSEGV));
    }
    if (bit & DEFAULT_IGNORE) continue;
    /* init: a handler was reset to SIG_DFL while its signal was pending */
    if (current == init_proc) continue;
    if (bit & DEFAULT_STOP) {
      if (current->tracer) ptrace_group_stop(sig);
      else stop_current(sig);
      continue;
    }
    do_group_exit(signal_exit_status(sig));   /* W_CORE for the core signals; no core file */
  }
}
