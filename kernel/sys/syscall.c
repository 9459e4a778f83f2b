/*
 * syscall.c — dispatch of int 0x80: eax selects the handler from the
 * generated table, ebx ecx edx esi edi ebp are its arguments, its int
 * result goes back in eax (-errno on failure, Linux's convention). A number
 * with no handler is -ENOSYS. Handlers that need the whole user frame
 * (fork, execve, sigreturn later) read current->tf, which trap() sets.
 */
#include "gen/syscall_table.h"
#include "hako/errno.h"
#include "proc.h"
#include "syscall.h"

void syscall_dispatch(struct trapframe *tf) {
  u32 nr = tf->eax;
  syscall_fn fn = nr < NR_SYSCALLS ? syscall_table[nr] : 0;
  int ret;
  if (fn == 0) ret = -ENOSYS;
  else ret = fn(tf->ebx, tf->ecx, tf->edx, tf->esi, tf->edi, tf->ebp);
  tf->eax = (u32)ret;
}
