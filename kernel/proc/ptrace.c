/*
 * ptrace.c — process tracing: ptrace(2), the stops a traced thread makes,
 * and how its tracer hears of them through wait4.
 *
 * A thread is traced when its `tracer` is set: by PTRACE_TRACEME (its
 * parent becomes the tracer), PTRACE_ATTACH or PTRACE_SEIZE, or by being
 * born to a tracee whose options ask for it (TRACEFORK, TRACEVFORK,
 * TRACECLONE: the child starts traced with SIGSTOP pending, Linux's
 * auto-attach). The tracer is always a group leader, because wait4 waits
 * on behalf of the whole group.
 *
 * A traced thread stops (ptrace_stop: P_STOPPED with ptrace_stopped set,
 * its wait status in ptrace_status, SIGCHLD and a wakeup for the tracer)
 * - at a signal's delivery (signal.c): the tracer sees WSTOPSIG = the
 *   signal and, resuming, chooses what is delivered (the data of CONT,
 *   SYSCALL, SINGLESTEP, DETACH; 0 suppresses it). SIGKILL never stops;
 * - at each system call's entry and exit after PTRACE_SYSCALL (syscall.c):
 *   status SIGTRAP, | 0x80 under TRACESYSGOOD. At the entry stop eax is
 *   -ENOSYS and orig_eax the call, which the tracer may change (-1 skips
 *   it); at the exit stop eax is the result;
 * - after one instruction after PTRACE_SINGLESTEP (eflags.TF makes the CPU
 *   raise #DB, which trap.c turns into SIGTRAP), or after the int 0x80 of
 *   a system call being stepped over;
 * - at events under the options: fork, vfork, clone (message: the new
 *   pid) and a successful exec (message: the former pid); status
 *   SIGTRAP | event << 8. Without TRACEEXEC an exec sends SIGTRAP instead;
 * - for a stop signal's stop (group stop), which the tracer reports as a
 *   stop with that signal and ends by resuming the thread.
 * PTRACE_GETSIGINFO succeeds only at a signal-delivery stop, which is how
 * a tracer tells one from a group stop (both report WSTOPSIG SIGSTOP).
 * Only the tracer resumes a ptrace stop: SIGCONT does not (signal.c), and
 * SIGKILL always does (the thread then dies).
 *
 * wait4 (exit.c) reports a tracee's stops to its tracer whether or not it
 * is the tracer's child, and without WUNTRACED. A tracee that is another
 * process's child is reported to its tracer when it exits
 * (ptrace_exit_unseen) and only then to its parent (SIGCHLD, the wakeup),
 * which cannot reap it before. A tracer's group ending detaches its tracees, resuming any in a
 * ptrace stop.
 *
 * Rules (Linux's ptrace_may_access for ATTACH): root may trace anyone;
 * others only a process whose real, effective and saved uids and gids all
 * equal the caller's real ones, so never a set-id program still holding
 * its privilege. Nobody attaches to itself, to a thread of its own group,
 * to init or to a kernel thread (EPERM), nor to a thread already traced
 * (EPERM, as Linux). A tracee's exec ignores set-id bits unless the tracer
 * is root. Requests other than TRACEME, ATTACH, SEIZE and KILL need a
 * tracee of the caller in a ptrace stop (ESRCH otherwise).
 */
#include "arch.h"
#include "lib.h"
#include "proc.h"
#include "signal.h"
#include "syscall.h"
#include "vm.h"
#include "hako/errno.h"
#include "hako/ptrace.h"
#include "hako/sched.h"

#define SIGBIT(sig) (1u << ((sig) - 1))
#define EFLAGS_TF 0x100u
/* What SETREGS may change in eflags: CF PF ZF SF TF DF OF (not IF). */
#define EFLAGS_USER 0xDD5u
#define ORIG_EAX_NONE 0xFFFFFFFFu

static int fatal_pending(struct proc *t) {
  return ((t->sig_pending | t->group_leader->shared_pending) & SIGBIT(SIGKILL)) != 0;
}

/* Stops the current thread for its tracer with wait status `status`;
 * returns the signal the tracer's resume injects (0 none). No stop when
 * the thread is no longer traced or is being killed. */
static int ptrace_stop_siginfo(int status, u32 msg, int siginfo_sig) {
  struct proc *t = current;
  u32 flags = irq_save();
  int sig;
  if (t->tracer == NULL || fatal_pending(t)) {
    irq_restore(flags);
    return 0;
  }
  t->ptrace_status = status;
  t->ptrace_msg = msg;
  t->ptrace_siginfo_sig = siginfo_sig;
  t->ptrace_reported = 1;
  t->ptrace_stopped = 1;
  t->ptrace_resume_sig = 0;
  t->state = P_STOPPED;
  send_signal(t->tracer, SIGCHLD);
  wakeup(t->tracer);
  schedule();
  t->ptrace_stopped = 0;
  t->ptrace_reported = 0;
  sig = t->ptrace_resume_sig;
  t->ptrace_resume_sig = 0;
  irq_restore(flags);
  return sig;
}

static int ptrace_stop(int status, u32 msg) {
  return ptrace_stop_siginfo(status, msg, 0);
}

static int syscall_stop_status(void) {
  int sig = SIGTRAP | ((current->ptrace_options & PTRACE_O_TRACESYSGOOD) ? 0x80 : 0);
  return W_STOPCODE(sig);
}

u32 ptrace_syscall_entry(struct trapframe *tf) {
  int sig;
  current->ptrace_orig_eax = tf->eax;
  tf->eax = (u32)-ENOSYS;
  sig = ptrace_stop(syscall_stop_status(), 0);
  if (sig) send_signal_thread(current, sig);
  if (fatal_pending(current)) current->ptrace_orig_eax = ORIG_EAX_NONE;
  return current->ptrace_orig_eax;
}

void ptrace_syscall_exit(struct trapframe *tf) {
  int sig;
  if (current->ptrace_mode & PT_SYSCALL) {
    if (current->ptrace_orig_eax == ORIG_EAX_NONE) current->ptrace_orig_eax = current->syscall_nr;
    sig = ptrace_stop(syscall_stop_status(), 0);
    if (sig) send_signal_thread(current, sig);
  }
  current->ptrace_orig_eax = ORIG_EAX_NONE;
  /* Stepping over int 0x80: the step ends after the call (Linux's
   * syscall-exit single-step report); exec's fresh frame keeps TF. */
  if (current->ptrace_mode & PT_STEP) {
    tf->eflags |= EFLAGS_TF;
    current->sig_pending |= SIGBIT(SIGTRAP);
  }
}

int ptrace_signal(int sig) {
  if (sig == SIGKILL) return sig;
  return ptrace_stop_siginfo(W_STOPCODE(sig), 0, sig);
}

void ptrace_group_stop(int sig) {
  ptrace_stop(W_STOPCODE(sig), 0);
}

static int event_status(int event) {
  return W_STOPCODE(SIGTRAP | (event << 8));
}

int ptrace_clone_child(struct proc *child, u32 flags) {
  int event;
  u32 opt;
  if (current->tracer == NULL) return 0;
  if (flags & CLONE_VFORK) {
    event = PTRACE_EVENT_VFORK;
    opt = PTRACE_O_TRACEVFORK;
  } else if ((flags & CSIGNAL) == SIGCHLD) {
    event = PTRACE_EVENT_FORK;
    opt = PTRACE_O_TRACEFORK;
  } else {
    event = PTRACE_EVENT_CLONE;
    opt = PTRACE_O_TRACECLONE;
  }
  if (!(current->ptrace_options & opt)) return 0;
  child->tracer = current->tracer;
  child->ptrace_options = current->ptrace_options;
  child->ptrace_orig_eax = ORIG_EAX_NONE;
  child->sig_pending |= SIGBIT(SIGSTOP);   /* it stops before its first instruction (forkret) */
  return event;
}

void ptrace_clone_event(int event, int child_pid) {
  int sig = ptrace_stop(event_status(event), (u32)child_pid);
  if (sig) send_signal_thread(current, sig);
}

void ptrace_exec(int old_pid) {
  if (current->tracer == NULL) return;
  if (current->ptrace_options & PTRACE_O_TRACEEXEC) {
    int sig = ptrace_stop(event_status(PTRACE_EVENT_EXEC), (u32)old_pid);
    if (sig) send_signal_thread(current, sig);
  } else {
    send_signal_thread(current, SIGTRAP);
  }
}

int ptrace_blocks_setid(void) {
  return current->tracer != NULL && current->tracer->uid != 0;
}

/* t is no longer traced: it runs on (with `sig` delivered) if it was
 * in a ptrace stop. Interrupts off. */
static void detach(struct proc *t, int sig) {
  t->tracer = NULL;
  t->ptrace_options = 0;
  t->ptrace_mode = 0;
  t->tf->eflags &= ~EFLAGS_TF;
  if (t->ptrace_exit_unseen) {
    t->ptrace_exit_unseen = 0;
    exit_notify_parent(t);
  }
  if (t->ptrace_stopped && t->state == P_STOPPED) {
    t->ptrace_resume_sig = sig;
    make_runnable(t);
  }
}

void ptrace_exit(struct proc *leader) {
  struct list_head *n;
  for (n = all_procs.next; n != &all_procs; n = n->next) {
    struct proc *t = list_entry(n, struct proc, all_node);
    if (t->tracer == leader) detach(t, 0);
  }
  if (leader->tracer && leader->tracer != leader->parent) {
    leader->ptrace_exit_unseen = 1;
    send_signal(leader->tracer, SIGCHLD);
    wakeup(leader->tracer);
  }
}

static int pid_matches(struct proc *c, int pid) {
  if (pid > 0) return c->pid == pid;
  if (pid == -1) return 1;
  if (pid == 0) return c->pgid == current->pgid;
  return c->pgid == -pid;
}

int ptrace_wait(struct proc *c, int pid, int *status, int *hidden) {
  if (c->tracer != current->group_leader) {
    *hidden = c->ptrace_exit_unseen;
    return 0;
  }
  *hidden = 0;
  if (!pid_matches(c, pid)) return 0;
  if (c->ptrace_stopped && c->ptrace_reported && c->state == P_STOPPED) {
    c->ptrace_reported = 0;
    *status = c->ptrace_status;
    return 1;
  }
  if (c->ptrace_exit_unseen && c->state == P_ZOMBIE) {
    *status = c->exit_code;
    c->ptrace_exit_unseen = 0;
    c->tracer = NULL;
    exit_notify_parent(c);   /* the parent hears of it only now, as on Linux */
    return 1;
  }
  return -1;
}

/* ---- the requests ---- */

static int may_attach(struct proc *t) {
  if (t->group_leader == current->group_leader || t->group_leader == init_proc || t->mm == NULL) return 0;
  if (current->uid == 0) return 1;
  return t->ruid == current->ruid && t->uid == current->ruid && t->suid == current->ruid &&
         t->rgid == current->rgid && t->gid == current->rgid && t->sgid == current->rgid;
}

static int attach(struct proc *t, int seize, u32 options) {
  u32 flags;
  if (t == NULL || t->state == P_ZOMBIE) return -ESRCH;
  if (!may_attach(t) || t->tracer) return -EPERM;
  if (options & ~PTRACE_O_MASK) return -EINVAL;
  flags = irq_save();
  t->tracer = current->group_leader;
  t->ptrace_options = options;
  t->ptrace_mode = 0;
  t->ptrace_orig_eax = ORIG_EAX_NONE;
  irq_restore(flags);
  if (!seize) send_signal_thread(t, SIGSTOP);
  return 0;
}

static void regs_get(struct proc *t, struct user_regs_struct *r) {
  struct trapframe *tf = t->tf;
  memset(r, 0, sizeof *r);
  r->ebx = (long)tf->ebx;
  r->ecx = (long)tf->ecx;
  r->edx = (long)tf->edx;
  r->esi = (long)tf->esi;
  r->edi = (long)tf->edi;
  r->ebp = (long)tf->ebp;
  r->eax = (long)tf->eax;
  r->orig_eax = (long)t->ptrace_orig_eax;
  /* Stopped on its way out of a system call (a signal-delivery stop after
   * it): that call, as Linux keeps it in orig_eax. */
  if (t->ptrace_orig_eax == ORIG_EAX_NONE && tf->vector == T_SYSCALL) r->orig_eax = (long)t->syscall_nr;
  r->eip = (long)tf->eip;
  r->xcs = (long)tf->cpl;
  r->eflags = (long)tf->eflags;
  r->esp = (long)tf->esp;
}

static void regs_set(struct proc *t, const struct user_regs_struct *r) {
  struct trapframe *tf = t->tf;
  tf->ebx = (u32)r->ebx;
  tf->ecx = (u32)r->ecx;
  tf->edx = (u32)r->edx;
  tf->esi = (u32)r->esi;
  tf->edi = (u32)r->edi;
  tf->ebp = (u32)r->ebp;
  tf->eax = (u32)r->eax;
  if (t->ptrace_orig_eax != ORIG_EAX_NONE) t->ptrace_orig_eax = (u32)r->orig_eax;
  tf->eip = (u32)r->eip;
  tf->eflags = (tf->eflags & ~EFLAGS_USER) | ((u32)r->eflags & EFLAGS_USER);
  tf->esp = (u32)r->esp;
}

static int resume(struct proc *t, int mode, u32 data) {
  u32 flags;
  if (data >= NSIG) return -EIO;
  flags = irq_save();
  t->ptrace_mode = mode;
  if (mode & PT_STEP) t->tf->eflags |= EFLAGS_TF;
  else t->tf->eflags &= ~EFLAGS_TF;
  t->ptrace_resume_sig = (int)data;
  make_runnable(t);
  irq_restore(flags);
  return 0;
}

/* A tracee of the caller, in a ptrace stop: the target of most requests. */
static struct proc *stopped_tracee(int pid) {
  struct proc *t = proc_find(pid);
  if (t == NULL || t->tracer != current->group_leader) return NULL;
  if (!t->ptrace_stopped || t->state != P_STOPPED) return NULL;
  return t;
}

static int peek_user(struct proc *t, u32 addr, u32 data) {
  struct user_regs_struct r;
  u32 word;
  if ((addr & 3) || addr >= USER_REGS_WORDS * 4) return -EIO;
  regs_get(t, &r);
  word = ((u32 *)&r)[addr / 4];
  return copyout((void *)data, &word, 4);
}

static int poke_user(struct proc *t, u32 addr, u32 data) {
  struct user_regs_struct r;
  if ((addr & 3) || addr >= USER_REGS_WORDS * 4) return -EIO;
  regs_get(t, &r);
  ((u32 *)&r)[addr / 4] = data;
  regs_set(t, &r);
  return 0;
}

int sys_ptrace(int request, int pid, u32 addr, u32 data) {
  struct proc *t;
  struct user_regs_struct regs;
  u32 word;
  if (request == PTRACE_TRACEME) {
    if (current->tracer || current->group_leader == init_proc) return -EPERM;
    current->tracer = current->group_leader->parent;
    current->ptrace_orig_eax = ORIG_EAX_NONE;
    return 0;
  }
  if (request == PTRACE_ATTACH) return attach(proc_find(pid), 0, 0);
  if (request == PTRACE_SEIZE) return attach(proc_find(pid), 1, data);
  if (request == PTRACE_KILL) {
    t = proc_find(pid);
    if (t == NULL || t->tracer != current->group_leader) return -ESRCH;
    send_signal_thread(t, SIGKILL);
    return 0;
  }
  t = stopped_tracee(pid);
  if (t == NULL) return -ESRCH;
  switch (request) {
    case PTRACE_PEEKTEXT:
    case PTRACE_PEEKDATA:
      if (copy_from_mm(t->mm, &word, addr, 4) != 4) return -EIO;
      return copyout((void *)data, &word, 4);
    case PTRACE_POKETEXT:
    case PTRACE_POKEDATA:
      return copy_to_mm(t->mm, addr, &data, 4) == 4 ? 0 : -EIO;
    case PTRACE_PEEKUSER:
      return peek_user(t, addr, data);
    case PTRACE_POKEUSER:
      return poke_user(t, addr, data);
    case PTRACE_GETREGS:
      regs_get(t, &regs);
      return copyout((void *)data, &regs, sizeof regs);
    case PTRACE_SETREGS:
      if (copyin(&regs, (const void *)data, sizeof regs) != 0) return -EFAULT;
      regs_set(t, &regs);
      return 0;
    case PTRACE_CONT:
      return resume(t, 0, data);
    case PTRACE_SYSCALL:
      return resume(t, PT_SYSCALL, data);
    case PTRACE_SINGLESTEP:
      return resume(t, PT_STEP, data);
    case PTRACE_DETACH: {
      u32 flags;
      if (data >= NSIG) return -EIO;
      flags = irq_save();
      detach(t, (int)data);
      irq_restore(flags);
      return 0;
    }
    case PTRACE_SETOPTIONS:
      if (data & ~PTRACE_O_MASK) return -EINVAL;
      t->ptrace_options = data;
      return 0;
    case PTRACE_GETEVENTMSG:
      return copyout((void *)data, &t->ptrace_msg, 4);
    case PTRACE_GETSIGINFO: {
      struct ptrace_siginfo si;
      if (t->ptrace_siginfo_sig == 0) return -EINVAL;
      memset(&si, 0, sizeof si);
      si.si_signo = t->ptrace_siginfo_sig;
      si.si_code = SI_USER;   /* Hako keeps no sender: every signal reads as sent by kill */
      return copyout((void *)data, &si, sizeof si);
    }
    default:
      return -EIO;
  }
}
