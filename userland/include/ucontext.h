/* ucontext.h: user-level context switching (userland/lib/sys/hako/
 * ucontext.s and makecontext.c), so a program can build its own threads
 * (coroutines, green threads) inside one kernel thread.
 *
 * A context is the state a function call preserves (docs/abi.md: ebx, esi,
 * edi, ebp, esp), where to resume (eip) and the signal mask. getcontext
 * saves the current one (resuming it returns 0 from getcontext a second
 * time); setcontext resumes one; swapcontext saves into its first argument
 * and resumes its second; makecontext turns a context got by getcontext
 * into one that calls fn(int args...) on uc_stack and, when fn returns,
 * resumes uc_link (or exits the process with status 0 if uc_link is NULL).
 * Layout (fixed: assembly reads it): +0 uc_flags, +4 uc_link, +8 uc_stack
 * (ss_sp, ss_flags, ss_size), +20 uc_mcontext.gregs[6] (REG_* order
 * below), +44 uc_sigmask (64 bits). */
#ifndef _UCONTEXT_H
#define _UCONTEXT_H

#include <signal.h>

#define REG_EBX 0
#define REG_ESI 1
#define REG_EDI 2
#define REG_EBP 3
#define REG_ESP 4
#define REG_EIP 5
#define NGREG 6

typedef unsigned long greg_t;
typedef greg_t gregset_t[NGREG];

typedef struct {
  gregset_t gregs;
} mcontext_t;

typedef struct ucontext {
  unsigned long uc_flags;
  struct ucontext *uc_link;
  stack_t uc_stack;
  mcontext_t uc_mcontext;
  sigset_t uc_sigmask;
} ucontext_t;

int getcontext(ucontext_t *ucp);
int setcontext(const ucontext_t *ucp);
int swapcontext(ucontext_t *oucp, const ucontext_t *ucp);
void makecontext(ucontext_t *ucp, void (*fn)(), int argc, ...);

#endif
