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
 * SIGKILL and SIGSTOP cannot be blocked or ignored. Kernel threads ignore
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
  if (!(p->parent->sig_flags[SIGCHLD] & SA_NOCLDSTOP)) send_signal(p->parent, SIGCHLD);
  wakeup(p->parent);
}

int signal_pending(struct proc *p) {
  return (p->sig_pending & (~p->sig_blocked | UNBLOCKABLE)) != 0;
}

int send_signal(struct proc *p, int sig) {
  u32 flags;
  if (sig < 1 || sig >= NSIG) return -EINVAL;
  if (p->mm == NULL && p != init_proc) return 0;   /* kernel threads */
  trace2(TR_SIGNAL, sig, p->pid);
  /* Only what init handles reaches it (Linux's SIGNAL_UNKILLABLE): a
   * default action could kill or stop the child reaper. */
  if (p == init_proc && p->sig_handler[sig] == SIG_DFL) return 0;
  flags = irq_save();
  if (sig == SIGKILL || sig == SIGCONT) {
    p->sig_pending &= ~(DEFAULT_STOP);
    if (p->state == P_STOPPED) {
      make_runnable(p);
      /* A resume is news for the parent (wait4 WCONTINUED), as on Linux. */
      if (sig == SIGCONT && p->parent) {
        p->stop_reported = 0;
        p->cont_reported = 1;
        notify_parent_stop_or_continue(p);
      }
    }
  }
  if (sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU) {
    p->sig_pending &= ~SIGBIT(SIGCONT);
  }
  /* Ignored signals are dropped at once (as Linux does), so they never
   * interrupt a sleep: explicitly ignored ones, and default-ignore ones
   * (SIGCHLD, SIGURG, SIGWINCH, SIGCONT) without a handler. */
  if ((p->sig_handler[sig] == SIG_IGN && sig != SIGKILL && sig != SIGSTOP) ||
      (p->sig_handler[sig] == SIG_DFL && (SIGBIT(sig) & DEFAULT_IGNORE))) {
    irq_restore(flags);
    return 0;
  }
  p->sig_pending |= SIGBIT(sig);
  if (p->state == P_SLEEPING && !p->uninterruptible && signal_pending(p)) make_runnable(p);
  irq_restore(flags);
  return 0;
}

int kill_pgrp(int pgid, int sig) {
  struct list_head *n;
  int found = 0;
  for (n = all_procs.next; n != &all_procs; n = n->next) {
    struct proc *p = list_entry(n, struct proc, all_node);
    if (p->pgid == pgid && p->pid > 0 && p->state != P_ZOMBIE) {
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
    if (p->pgid != pgid || p->pid <= 0 || p->state == P_ZOMBIE) continue;
    if (!may_signal(p, sig)) {
      err = -EPERM;
      continue;
    }
    sent = 1;
    if (sig) send_signal(p, sig);
  }
  return sent ? 0 : err;
}

int sys_kill(int pid, int sig) {
  struct proc *p;
  if (sig < 0 || sig >= NSIG) return -EINVAL;
  if (pid > 0) {
    p = proc_find(pid);
    if (p == NULL || p->state == P_ZOMBIE) return -ESRCH;
    if (!may_signal(p, sig)) return -EPERM;
    return sig ? send_signal(p, sig) : 0;
  }
  if (pid == 0) return user_kill_pgrp(current->pgid, sig);
  if (pid < -1) return user_kill_pgrp(-pid, sig);
  {
    struct list_head *n;
    int found = 0;
    for (n = all_procs.next; n != &all_procs; n = n->next) {
      p = list_entry(n, struct proc, all_node);
      if (p->pid > 1 && p != current && p->mm != NULL && p->state != P_ZOMBIE) {
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
  if ((current->sig_blocked & bit) || current->sig_handler[sig] == SIG_IGN) current->sig_handler[sig] = SIG_DFL;
  current->sig_blocked &= ~bit;
  if (current->sig_handler[sig] == SIG_DFL) return 0;
  current->sig_pending |= bit;
  return 1;
}

static void stop_current(int sig) {
  u32 flags = irq_save();
  current->state = P_STOPPED;
  current->exit_code = W_STOPCODE(sig);
  current->stop_reported = 1;
  current->cont_reported = 0;
  if (current->parent) notify_parent_stop_or_continue(current);
  schedule();
  irq_restore(flags);
}

void deliver_signals(struct trapframe *tf) {
  for (;;) {
    u32 ready = current->sig_pending & (~current->sig_blocked | UNBLOCKABLE);
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
    current->sig_pending &= ~bit;
    trace2(TR_DELIVER, sig, current->sig_handler[sig]);
    if (current->sig_handler[sig] == SIG_IGN && !(bit & UNBLOCKABLE)) continue;
    if (current->sig_handler[sig] != SIG_DFL && current->sig_handler[sig] != SIG_IGN && !(bit & UNBLOCKABLE)) {
      syscall_restart_for_handler(tf, sig);   /* EINTR, or a restart under SA_RESTART */
      if (setup_signal_frame(tf, sig) == 0) return;   /* one handler at a time */
      /* No room for the frame (a bad stack pointer): as Linux's
       * force_sigsegv, the process dies of SIGSEGV. */
      if (printk_ratelimit("deliver_signals"))
        printk(KERN_INFO, "%s[%d]: cannot write a signal frame for signal %d; killed", current->name, current->pid, sig);
      do_exit(signal_exit_status(SIGSEGV));
    }
    if (bit & DEFAULT_IGNORE) continue;
    /* init: a handler was reset to SIG_DFL while its signal was pending */
    if (current == init_proc) continue;
    if (bit & DEFAULT_STOP) {
      stop_current(sig);
      continue;
    }
    do_exit(signal_exit_status(sig));   /* W_CORE for the core signals; no core file */
  }
}
