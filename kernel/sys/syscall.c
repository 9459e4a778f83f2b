/*
 * syscall.c — dispatch of int 0x80: eax selects the handler from the
 * generated table, ebx ecx edx esi edi ebp are its arguments, its int
 * result goes back in eax (-errno on failure, Linux's convention). A number
 * with no handler is -ENOSYS. Handlers that need the whole user frame
 * (fork, execve, sigreturn later) read current->tf, which trap() sets.
 *
 * Restarts (Linux's restart_syscall): a sleep that a signal ends returns
 * -ERESTART_RESTARTBLOCK with what it needs to go on in current->restart_*.
 * If a user handler is about to run, the caller sees -EINTR
 * (syscall_restart_for_handler, before the signal frame saves eax). If no
 * handler ran — the process was stopped and continued, or the signal was
 * ignored by the time it was delivered — the int 0x80 is executed again
 * with eax = 0, restart_syscall, which resumes the sleep with its old
 * deadline (syscall_restart_without_handler): the program never notices.
 *
 * The slow calls (read and write on a tty or a pipe, wait4,
 * waitpid, open of a FIFO) return -EINTR when a signal ends their sleep
 * with nothing done; the dispatcher turns that into -ERESTARTSYS, Linux's
 * "restart unless a handler without SA_RESTART runs": the int 0x80 is
 * executed again with its original number and arguments. pause and
 * rt_sigsuspend return -ERESTARTNOHAND: EINTR once any handler has run,
 * but a stop and continue (no handler) does not end them. The others keep
 * -EINTR.
 */
#include "gen/syscall_table.h"
#include "hako/errno.h"
#include "proc.h"
#include "syscall.h"
#include "trace.h"

#define INT80_LENGTH 2   /* `int 0x80`: opcode and an 8-bit immediate */

#define SA_RESTART 0x10000000u

static int restartable(u32 nr) {
  return nr == __NR_read || nr == __NR_write || nr == __NR_wait4 || nr == __NR_waitpid || nr == __NR_open ||
         nr == __NR_openat;
}

void syscall_dispatch(struct trapframe *tf) {
  u32 nr = tf->eax;
  syscall_fn fn;
  int ret, cancelled = 0;
  /* A tracer may look at and change the call at its entry stop (ptrace.c);
   * a call it cancels (orig_eax -1) leaves eax as the tracer set it. */
  if (current->ptrace_mode & PT_SYSCALL) {
    nr = ptrace_syscall_entry(tf);
    cancelled = nr == 0xFFFFFFFFu;
  }
  fn = nr < NR_SYSCALLS ? syscall_table[nr] : 0;
  current->syscall_nr = nr;
  trace_event(TR_SYS_ENTER, nr, tf->ebx, tf->ecx, tf->edx, tf->esi, tf->edi);
  if (cancelled) ret = (int)tf->eax;
  else if (fn == 0) ret = -ENOSYS;
  else ret = fn(tf->ebx, tf->ecx, tf->edx, tf->esi, tf->edi, tf->ebp);
  if (ret == -EINTR && restartable(nr)) ret = -ERESTARTSYS;
  trace2(TR_SYS_EXIT, nr, ret);
  tf->eax = (u32)ret;
  if (current->tracer) ptrace_syscall_exit(tf);
}

static void restart_same_call(struct trapframe *tf) {
  tf->eax = current->syscall_nr;
  tf->eip -= INT80_LENGTH;
}

/* A handler for `sig` is about to run (its frame will save tf). */
void syscall_restart_for_handler(struct trapframe *tf, int sig) {
  if (tf->vector != T_SYSCALL) return;
  if ((int)tf->eax == -ERESTART_RESTARTBLOCK) {
    tf->eax = (u32)-EINTR;
    current->restart_deadline = 0;   /* a later restart_syscall is EINTR, as Linux after a handler */
  } else if ((int)tf->eax == -ERESTARTSYS) {
    if (current->sighand->flags[sig] & SA_RESTART) restart_same_call(tf);
    else tf->eax = (u32)-EINTR;
  } else if ((int)tf->eax == -ERESTARTNOHAND) {
    tf->eax = (u32)-EINTR;
  }
}

void syscall_restart_without_handler(struct trapframe *tf) {
  if (tf->vector != T_SYSCALL) return;
  if ((int)tf->eax == -ERESTART_RESTARTBLOCK) {
    tf->eax = __NR_restart_syscall;
    tf->eip -= INT80_LENGTH;
  } else if ((int)tf->eax == -ERESTARTSYS || (int)tf->eax == -ERESTARTNOHAND) {
    restart_same_call(tf);
  }
}

/* restart_syscall(2): resume what was interrupted (only nanosleep sleeps
 * this way); with nothing to resume, -EINTR as Linux's
 * do_no_restart_syscall. */
int sys_restart_syscall(void) {
  if (current->restart_deadline == 0) return -EINTR;
  return nanosleep_until(current->restart_deadline, current->restart_hres, current->restart_rem);
}
