/*
 * sigaction.c — user signal handlers: rt_sigaction, rt_sigprocmask,
 * rt_sigpending, pause, rt_sigsuspend, sigaltstack, and the signal frame
 * that runs a handler and returns through sigreturn.
 *
 * The frame (Hako's own layout, not Linux's siginfo/ucontext) is pushed on
 * the user stack below the interrupted esp:
 *     [esp]    return address: sa_restorer if SA_RESTORER, else `code`
 *     [esp+4]  the signal number (the handler's argument)
 *     saved    the whole trap frame at the time of delivery
 *     mask     the blocked mask to restore
 *     code     8 bytes: mov eax, 119 ; int 0x80   (sigreturn)
 * sigreturn (119, and rt_sigreturn 173) copies `saved` back after
 * sanitising it: cpl stays 3, IF stays set, only the arithmetic flags and
 * DF come from user memory — a forged frame cannot raise privilege, and
 * what it restores (eip, mask) is the caller's own business: sigreturn
 * outside a handler restores garbage, whose fault is forced (signal.c)
 * and so kills rather than loops. A frame that cannot be written or read
 * kills the process with SIGSEGV.
 *
 * rt_sigsuspend swaps in a temporary mask and sleeps until a signal that
 * mask lets through is pending; the old mask goes into the handler's frame
 * (so sigreturn restores it) or, when no handler runs, back into place at
 * the end of deliver_signals — the swap and the wait are one step, and no
 * signal can slip between them. A handler with SA_ONSTACK runs on the
 * sigaltstack area unless it is already there, so it can run after the
 * normal stack has overflowed.
 */
#include "gen/syscall_table.h"
#include "arch.h"
#include "lib.h"
#include "printk.h"
#include "proc.h"
#include "signal.h"
#include "syscall.h"
#include "hako/errno.h"
#include "vm.h"

#define SIGBIT(sig) (1u << ((sig) - 1))
#define UNBLOCKABLE (SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))
#define SA_ONSTACK 0x08000000u
#define SA_RESTORER 0x04000000u
#define SA_NODEFER 0x40000000u
#define SA_RESETHAND 0x80000000u
#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2
#define SS_ONSTACK 1
#define SS_DISABLE 2
#define MINSIGSTKSZ 2048   /* i386 */
#define USER_FLAGS_MASK 0x00000CD5u   /* CF PF AF ZF SF DF OF */

/* The kernel's view of rt_sigaction's struct (i386): handler, flags,
 * restorer, then a 64-bit mask of which we keep the low 32 signals. */
struct k_sigaction {
  u32 handler;
  u32 flags;
  u32 restorer;
  u32 mask[2];
};

struct sigframe {
  u32 ret;
  u32 sig;
  struct trapframe saved;
  u32 mask;
  u8 code[8];
};

int sys_rt_sigaction(int sig, const struct k_sigaction *act, struct k_sigaction *old, u32 setsize) {
  struct k_sigaction k;
  if (sig < 1 || sig >= NSIG || setsize != 8) return -EINVAL;
  if (old) {
    memset(&k, 0, sizeof k);
    k.handler = current->sighand->handler[sig];
    k.flags = current->sighand->flags[sig];
    k.restorer = current->sighand->restorer[sig];
    k.mask[0] = current->sighand->mask[sig];
    if (copyout(old, &k, sizeof k) != 0) return -EFAULT;
  }
  if (act) {
    if (sig == SIGKILL || sig == SIGSTOP) return -EINVAL;
    if (copyin(&k, act, sizeof k) != 0) return -EFAULT;
    current->sighand->handler[sig] = k.handler;
    current->sighand->flags[sig] = k.flags;
    current->sighand->restorer[sig] = k.restorer;
    current->sighand->mask[sig] = k.mask[0] & ~UNBLOCKABLE;
    if (k.handler == SIG_IGN) discard_pending_signal(sig);
  }
  return 0;
}

int sys_rt_sigprocmask(int how, const u32 *set, u32 *oldset, u32 setsize) {
  u32 s[2];
  if (setsize != 8) return -EINVAL;
  if (oldset) {
    s[0] = current->sig_blocked;
    s[1] = 0;
    if (copyout(oldset, s, sizeof s) != 0) return -EFAULT;
  }
  if (set) {
    if (copyin(s, set, sizeof s) != 0) return -EFAULT;
    if (how == SIG_BLOCK) current->sig_blocked |= s[0];
    else if (how == SIG_UNBLOCK) current->sig_blocked &= ~s[0];
    else if (how == SIG_SETMASK) current->sig_blocked = s[0];
    else return -EINVAL;
    current->sig_blocked &= ~UNBLOCKABLE;
  }
  return 0;
}

int sys_rt_sigpending(u32 *set, u32 setsize) {
  u32 s[2];
  if (setsize != 8) return -EINVAL;
  s[0] = (current->sig_pending | current->group_leader->shared_pending) & current->sig_blocked;
  s[1] = 0;
  return copyout(set, s, sizeof s);
}

int sys_pause(void) {
  u32 flags = irq_save();
  while (sleep_on(&current->sig_pending) == 0) {
  }
  irq_restore(flags);
  return -ERESTARTNOHAND;   /* EINTR after a handler; a stop and continue goes on pausing */
}

int sys_rt_sigsuspend(const u32 *set, u32 setsize) {
  u32 s[2];
  u32 flags;
  if (setsize != 8) return -EINVAL;
  if (copyin(s, set, sizeof s) != 0) return -EFAULT;
  flags = irq_save();
  current->sigsuspend_saved = current->sig_blocked;
  current->sigsuspend_active = 1;
  current->sig_blocked = s[0] & ~UNBLOCKABLE;
  while (!signal_pending(current)) sleep_on(&current->sig_pending);
  irq_restore(flags);
  return -ERESTARTNOHAND;   /* EINTR after a handler, never restarted then (Linux) */
}

/* i386 stack_t: ss_sp, ss_flags, ss_size. */
struct stack_t {
  u32 sp;
  int flags;
  u32 size;
};

static int on_altstack(u32 sp) {
  return current->altstack_size != 0 && sp - current->altstack_sp < current->altstack_size;
}

void sigaltstack_fork(struct proc *child) {
  child->altstack_sp = current->altstack_sp;
  child->altstack_size = current->altstack_size;
}

int sys_sigaltstack(const struct stack_t *ss, struct stack_t *old) {
  struct stack_t k;
  int on = on_altstack(current->tf->esp);
  if (ss) {
    if (copyin(&k, ss, sizeof k) != 0) return -EFAULT;
    if (on) return -EPERM;
    if (k.flags != 0 && k.flags != SS_DISABLE && k.flags != SS_ONSTACK) return -EINVAL;
    if (k.flags != SS_DISABLE && k.size < MINSIGSTKSZ) return -ENOMEM;
  }
  if (old) {
    struct stack_t o;
    o.sp = current->altstack_sp;
    o.size = current->altstack_size;
    o.flags = current->altstack_size == 0 ? SS_DISABLE : on ? SS_ONSTACK : 0;
    if (copyout(old, &o, sizeof o) != 0) return -EFAULT;
  }
  if (ss) {
    current->altstack_sp = k.flags == SS_DISABLE ? 0 : k.sp;
    current->altstack_size = k.flags == SS_DISABLE ? 0 : k.size;
  }
  return 0;
}

/* The end of deliver_signals: a sigsuspend whose signal ran no handler
 * gets its old mask back. */
void sigsuspend_restore_mask(void) {
  if (!current->sigsuspend_active) return;
  current->sigsuspend_active = 0;
  current->sig_blocked = current->sigsuspend_saved & ~UNBLOCKABLE;
}

/* Called by deliver_signals for a caught signal; returns 0 or -EFAULT. */
int setup_signal_frame(struct trapframe *tf, int sig) {
  struct sigframe f;
  u32 top = tf->esp;
  u32 sp;
  if ((current->sighand->flags[sig] & SA_ONSTACK) && current->altstack_size != 0 && !on_altstack(top))
    top = current->altstack_sp + current->altstack_size;
  sp = (top - sizeof f) & ~15u;
  memset(&f, 0, sizeof f);
  f.sig = (u32)sig;
  f.saved = *tf;
  f.mask = current->sigsuspend_active ? current->sigsuspend_saved : current->sig_blocked;
  f.code[0] = 0x29;   /* mov eax, imm32 */
  f.code[1] = 0x00;
  f.code[2] = 119;
  f.code[6] = 0x18;   /* int 0x80 */
  f.code[7] = 0x80;
  f.ret = (current->sighand->flags[sig] & SA_RESTORER) ? current->sighand->restorer[sig] : sp + OFFSET_OF(struct sigframe, code);
  if (copyout((void *)sp, &f, sizeof f) != 0) return -EFAULT;
  current->sigsuspend_active = 0;   /* the handler runs with sigsuspend's mask; sigreturn restores the old */
  current->sig_blocked |= current->sighand->mask[sig];
  if (!(current->sighand->flags[sig] & SA_NODEFER)) current->sig_blocked |= SIGBIT(sig);
  current->sig_blocked &= ~UNBLOCKABLE;
  tf->esp = sp;
  tf->eip = current->sighand->handler[sig];   /* before SA_RESETHAND forgets it */
  if (current->sighand->flags[sig] & SA_RESETHAND) current->sighand->handler[sig] = SIG_DFL;
  return 0;
}

int sys_sigreturn(void) {
  struct trapframe *tf = current->tf;
  struct sigframe f;
  /* The handler's `ret` popped f.ret; esp points at f.sig. */
  u32 sp = tf->esp - 4;
  if (copyin(&f, (const void *)sp, sizeof f) != 0) {
    /* No frame to return to (as Linux: a forced SIGSEGV). */
    if (!force_sig(SIGSEGV)) {
      if (printk_ratelimit("sigreturn"))
        printk(KERN_INFO, "%s[%d]: bad sigreturn frame at %p: signal %d", current->name, current->pid, sp, SIGSEGV);
      do_group_exit(signal_exit_status(SIGSEGV));
    }
    return -EFAULT;
  }
  f.saved.cpl = 3;
  f.saved.eflags = (f.saved.eflags & USER_FLAGS_MASK) | EFLAGS_IF | 0x2;
  f.saved.vector = tf->vector;
  *tf = f.saved;
  current->sig_blocked = f.mask & ~UNBLOCKABLE;
  return (int)tf->eax;   /* the dispatcher stores it back into eax */
}

int sys_rt_sigreturn(void) {
  return sys_sigreturn();
}
