/* hako/ptrace.h: ptrace(2)'s ABI, shared by the kernel (kernel/proc/ptrace.c)
 * and libc (sys/ptrace.h): Linux i386's request numbers, options, event
 * numbers, and struct user_regs_struct in Linux i386's layout, so a
 * tracer's PEEKUSER offsets are Linux's (4 * EBX ... 4 * SS). Hako has no
 * segment registers: xds xes xfs xgs xss read 0 and xcs reads the privilege
 * level the registers were saved from (3). orig_eax is the system call
 * being made at a syscall stop (-1 elsewhere); eax then holds -ENOSYS at
 * the entry stop and the result at the exit stop, as on Linux. */
#ifndef _HAKO_PTRACE_H
#define _HAKO_PTRACE_H

#define PTRACE_TRACEME     0
#define PTRACE_PEEKTEXT    1
#define PTRACE_PEEKDATA    2
#define PTRACE_PEEKUSER    3
#define PTRACE_POKETEXT    4
#define PTRACE_POKEDATA    5
#define PTRACE_POKEUSER    6
#define PTRACE_CONT        7
#define PTRACE_KILL        8
#define PTRACE_SINGLESTEP  9
#define PTRACE_GETREGS     12
#define PTRACE_SETREGS     13
#define PTRACE_ATTACH      16
#define PTRACE_DETACH      17
#define PTRACE_SYSCALL     24
#define PTRACE_SETOPTIONS  0x4200
#define PTRACE_GETEVENTMSG 0x4201
#define PTRACE_GETSIGINFO  0x4202
#define PTRACE_SEIZE       0x4206

#define PTRACE_O_TRACESYSGOOD 0x01
#define PTRACE_O_TRACEFORK    0x02
#define PTRACE_O_TRACEVFORK   0x04
#define PTRACE_O_TRACECLONE   0x08
#define PTRACE_O_TRACEEXEC    0x10
#define PTRACE_O_TRACEEXIT    0x40
#define PTRACE_O_MASK         0x5F   /* the options Hako accepts */

/* A PTRACE_EVENT stop's wait status is (SIGTRAP | event << 8) << 8 | 0x7f. */
#define PTRACE_EVENT_FORK  1
#define PTRACE_EVENT_VFORK 2
#define PTRACE_EVENT_CLONE 3
#define PTRACE_EVENT_EXEC  4
#define PTRACE_EVENT_EXIT  6

/* What PTRACE_GETSIGINFO gives at a signal-delivery stop (the head of
 * Linux's siginfo_t; the rest of its 128 bytes is zero). Any other stop
 * (a group stop, a syscall or event stop) is EINVAL: a tracer tells a
 * group stop from a signal about to be delivered this way, as on Linux. */
struct ptrace_siginfo {
  int si_signo, si_errno, si_code;
  int pad[29];
};
#define SI_USER 0
#define SI_KERNEL 0x80

struct user_regs_struct {
  long ebx, ecx, edx, esi, edi, ebp, eax;
  long xds, xes, xfs, xgs;
  long orig_eax;
  long eip, xcs, eflags, esp, xss;
};

#define USER_REGS_WORDS 17   /* sizeof(struct user_regs_struct) / 4 */

#endif
