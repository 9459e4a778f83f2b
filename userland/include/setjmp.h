/* setjmp.h: non-local jumps (userland/lib/setjmp.s; sigsetjmp and
 * siglongjmp in userland/lib/sys/hako/sigsetjmp.s, over rt_sigprocmask).
 *
 * A jmp_buf holds what a function call must preserve (docs/abi.md: ebx,
 * esi, edi, ebp, esp) and where to resume (the return address of the
 * setjmp call). The layout is fixed because assembly reads it:
 *   +0 ebx  +4 esi  +8 edi  +12 ebp  +16 esp (the caller's, after setjmp
 *   returns)  +20 eip (setjmp's return address)  +24 mask saved (0/1)
 *   +28 the saved signal mask (64 bits, as sigset_t).
 * setjmp/longjmp never touch the signal mask (as BSD's _setjmp); use
 * sigsetjmp(env, 1)/siglongjmp for that. Locals of the calling function
 * that changed after setjmp are indeterminate after the jump unless
 * volatile (C11 7.13.2.1). */
#ifndef _SETJMP_H
#define _SETJMP_H

struct __jmp_buf_tag {
  unsigned long __regs[6];
  int __mask_saved;
  unsigned long __mask[2];
};

typedef struct __jmp_buf_tag jmp_buf[1];
typedef struct __jmp_buf_tag sigjmp_buf[1];

int setjmp(jmp_buf env);
void longjmp(jmp_buf env, int val);
int _setjmp(jmp_buf env);
void _longjmp(jmp_buf env, int val);
int sigsetjmp(sigjmp_buf env, int savemask);
void siglongjmp(sigjmp_buf env, int val);

#endif
