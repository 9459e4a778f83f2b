/* sys/ptrace.h: process tracing (ptrace(2)); the numbers and struct
 * user_regs_struct are hako/ptrace.h's. As glibc's wrapper, ptrace returns
 * the word read for PTRACE_PEEK* (check errno: -1 may be a value), 0 for
 * the other requests, -1 with errno on failure. */
#ifndef _SYS_PTRACE_H
#define _SYS_PTRACE_H

#include <hako/ptrace.h>
#include <sys/types.h>

long ptrace(int request, pid_t pid, void *addr, void *data);

#endif
