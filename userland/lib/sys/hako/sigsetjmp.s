; sigsetjmp.s: sigsetjmp and siglongjmp, setjmp/longjmp (setjmp.s) plus
; the signal mask. With savemask nonzero, sigsetjmp also records the
; thread's mask (rt_sigprocmask(SIG_BLOCK, NULL, &old): reads without
; changing it) and siglongjmp sets it back (SIG_SETMASK) before jumping,
; so jumping out of a signal handler unblocks the signal the handler ran
; with. The jmp_buf layout is include/setjmp.h's (+24 flag, +28 mask).
section .text
global sigsetjmp, siglongjmp
extern __regs_save, __regs_load

; int sigsetjmp(sigjmp_buf env, int savemask)
sigsetjmp:
        mov     eax, [esp+4]
        call    __regs_save             ; regs.s: +0..+20
        mov     ecx, [esp+8]
        test    ecx, ecx
        jz      .nomask
        mov     ecx, 1
        mov     [eax+24], ecx
        lea     edx, [eax+28]           ; oldset: the buffer's mask
        xor     ecx, ecx                ; set: NULL (read only)
        xor     ebx, ebx                ; how: SIG_BLOCK
        mov     esi, 8                  ; sigsetsize
        mov     eax, 175                ; rt_sigprocmask
        int     0x80
        mov     eax, [esp+4]            ; env: restore ebx and esi from it
        mov     ebx, [eax]
        mov     esi, [eax+4]
        xor     eax, eax
        ret
.nomask:
        mov     [eax+24], ecx           ; 0: no mask saved
        xor     eax, eax
        ret

; void siglongjmp(sigjmp_buf env, int val)
siglongjmp:
        mov     edx, [esp+4]
        mov     eax, [edx+24]
        test    eax, eax
        jz      .jump
        lea     ecx, [edx+28]           ; set: the saved mask
        xor     edx, edx                ; oldset: NULL
        mov     ebx, 2                  ; how: SIG_SETMASK
        mov     esi, 8
        mov     eax, 175                ; rt_sigprocmask
        int     0x80
        mov     edx, [esp+4]
.jump:
        mov     eax, [esp+8]
        test    eax, eax
        jnz     .nonzero
        mov     eax, 1
.nonzero:
        jmp     __regs_load
