/*
 * syscall.h — the system-call gate (vector 0x80). The table itself is
 * generated from kernel/syscalls.tbl into gen/syscall_table.[ch].
 */
#ifndef HAKO_SYSCALL_H
#define HAKO_SYSCALL_H

#include "trap.h"

/* Kernel-internal result (never seen by user code, Linux's value): "the
 * system call was interrupted; restart it through restart_syscall(0) with
 * the state it left in current->restart_*, unless a handler runs". */
#define ERESTART_RESTARTBLOCK 516
/* "interrupted slow call: restart it, unless a handler without SA_RESTART
 * runs" (Linux's value; syscall.c). */
#define ERESTARTSYS 512
/* "restart unless any handler runs" (pause, rt_sigsuspend: a stop and
 * continue does not end them). */
#define ERESTARTNOHAND 514

void syscall_dispatch(struct trapframe *tf);
void syscall_restart_for_handler(struct trapframe *tf, int sig);
void syscall_restart_without_handler(struct trapframe *tf);

#endif
