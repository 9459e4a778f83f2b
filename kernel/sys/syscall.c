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
 * -ERESTARTSYS (a read that stopped for SIGTTIN) is simpler: without a
 * handler the same int 0x80 runs again with its number and arguments
 * (the arguments are still in the frame); with one, the program sees
 * -EINTR (SA_RESTART is not honoured).
 */
#include "gen/syscall_table.h"
#include "hako/errno.h"
#include "proc.h"
#include "syscall.h"

#define INT80_LENGTH 2   /* `int 0x80`: opcode and an 8-bit immediate */

void syscall_dispatch(struct trapframe *tf) {
  u32 nr = tf->eax;
  syscall_fn fn = nr < NR_SYSCALLS ? syscall_table[nr] : 0;
  int ret;
  current->syscall_nr = nr;
  if (fn == 0) ret = -ENOSYS;
  else ret = fn(tf->ebx, tf->ecx, tf->edx, tf->esi, tf->edi, tf->ebp);
  tf->eax = (u32)ret;
}

void syscall_restart_for_handler(struct trapframe *tf) {
  if (tf->vector == T_SYSCALL && ((int)tf->eax == -ERESTART_RESTARTBLOCK || (int)tf->eax == -ERESTARTSYS)) tf->eax = (u32)-EINTR;
}

void syscall_restart_without_handler(struct trapframe *tf) {
  if (tf->vector == T_SYSCALL && (int)tf->eax == -ERESTART_RESTARTBLOCK) {
    tf->eax = __NR_restart_syscall;
    tf->eip -= INT80_LENGTH;
  } else if (tf->vector == T_SYSCALL && (int)tf->eax == -ERESTARTSYS) {
    tf->eax = current->syscall_nr;
    tf->eip -= INT80_LENGTH;
  }
}

/* restart_syscall(2): resume what was interrupted (only nanosleep sleeps
 * this way); with nothing to resume, -EINTR as Linux's
 * do_no_restart_syscall. */
int sys_restart_syscall(void) {
  if (current->restart_deadline == 0) return -EINTR;
  return nanosleep_until(current->restart_deadline, current->restart_rem);
}
