/*
 * syscall.h — the system-call gate (vector 0x80). The table itself is
 * generated from kernel/syscalls.tbl into gen/syscall_table.[ch].
 */
#ifndef HAKO_SYSCALL_H
#define HAKO_SYSCALL_H

#include "trap.h"

void syscall_dispatch(struct trapframe *tf);

#endif
