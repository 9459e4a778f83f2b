/* makecontext.c: makecontext, the C half of ucontext (ucontext.s has the
 * switches). It lays out ucp's stack the way a cdecl call to fn would find
 * it: the int arguments at esp+4..., and at esp a return address,
 * __start_context, which resumes uc_link when fn returns (or exits with 0
 * when uc_link is NULL). uc_link travels in ebx: callee-saved, so fn
 * returns with it intact. The arguments start 16-byte aligned, as clone's
 * thread stacks do. */
#include <stdarg.h>
#include <ucontext.h>

void __start_context(void);

void makecontext(ucontext_t *ucp, void (*fn)(), int argc, ...) {
  unsigned long top = (unsigned long)ucp->uc_stack.ss_sp + ucp->uc_stack.ss_size;
  unsigned long *args;
  unsigned long *sp;
  va_list ap;
  int i;

  if (argc < 0)
    argc = 0;
  args = (unsigned long *)((top - (unsigned long)argc * 4) & ~15UL);
  sp = args - 1;
  *sp = (unsigned long)__start_context;
  va_start(ap, argc);
  for (i = 0; i < argc; i++)
    args[i] = (unsigned long)va_arg(ap, int);
  va_end(ap);
  ucp->uc_mcontext.gregs[REG_ESP] = (unsigned long)sp;
  ucp->uc_mcontext.gregs[REG_EIP] = (unsigned long)fn;
  ucp->uc_mcontext.gregs[REG_EBX] = (unsigned long)ucp->uc_link;
  ucp->uc_mcontext.gregs[REG_EBP] = 0; /* the end of fn's frame chain */
}
