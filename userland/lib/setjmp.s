; setjmp.s: setjmp and longjmp (and BSD's _setjmp/_longjmp, the same here).
;
; setjmp records the callee-saved registers (docs/abi.md), the stack
; pointer its caller will have once setjmp returns, and its return address;
; longjmp loads them back and "returns from setjmp" a second time with a
; nonzero value. No system call: this works on the bare machine too. The
; signal mask is left alone (sigsetjmp.s, OS only, saves and restores it).
; The jmp_buf layout is include/setjmp.h's.
section .text
global setjmp, longjmp, _setjmp, _longjmp
extern __regs_save, __regs_load

; int setjmp(jmp_buf env)
setjmp:
_setjmp:
        mov     eax, [esp+4]
        call    __regs_save             ; regs.s: +0..+20
        xor     ecx, ecx
        mov     [eax+24], ecx           ; no signal mask saved
        xor     eax, eax
        ret

; void longjmp(jmp_buf env, int val): setjmp returns val, or 1 for 0.
longjmp:
_longjmp:
        mov     edx, [esp+4]
        mov     eax, [esp+8]
        test    eax, eax
        jnz     .nonzero
        mov     eax, 1
.nonzero:
        jmp     __regs_load
