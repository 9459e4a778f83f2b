; ucontext.s: getcontext, setcontext, swapcontext, and __start_context
; (where a makecontext'd function returns to). The ucontext_t layout is
; include/ucontext.h's: +4 uc_link, +20 gregs (ebx esi edi ebp esp eip),
; +44 uc_sigmask. Only what a call preserves is saved: a context is always
; left through a call (getcontext, swapcontext), so eax/ecx/edx are dead
; there, and a resumed context sees getcontext/swapcontext return 0. The
; mask moves with one rt_sigprocmask (175) per switch; on its failure the
; call returns -1 with errno set and nothing has changed.
section .text
global getcontext, setcontext, swapcontext, __start_context
extern exit, __errno_location, __regs_save, __regs_load

; int getcontext(ucontext_t *ucp)
getcontext:
        mov     eax, [esp+4]
        lea     eax, [eax+20]           ; gregs: regs.s's block
        call    __regs_save
        lea     eax, [eax-20]
        push    ebx
        push    esi
        lea     edx, [eax+44]           ; oldset: uc_sigmask
        xor     ecx, ecx                ; set: NULL, so only read the mask
        xor     ebx, ebx
        mov     esi, 8
        mov     eax, 175                ; rt_sigprocmask
        int     0x80
        pop     esi
        pop     ebx
        test    eax, eax
        jnz     fail
        ret

; int setcontext(const ucontext_t *ucp): returns only on error (-1)
setcontext:
        mov     eax, [esp+4]
        push    ebx
        push    esi
        lea     ecx, [eax+44]           ; set: uc_sigmask
        xor     edx, edx                ; oldset: NULL
        jmp     switch_to

; int swapcontext(ucontext_t *oucp, const ucontext_t *ucp)
swapcontext:
        mov     eax, [esp+4]
        lea     eax, [eax+20]
        call    __regs_save
        lea     eax, [eax-20]
        push    ebx
        push    esi
        lea     edx, [eax+44]           ; oldset: oucp->uc_sigmask
        mov     eax, [esp+16]
        lea     ecx, [eax+44]           ; set: ucp->uc_sigmask

; eax = the context to resume, ecx = its mask, edx = where the old mask
; goes (or 0); the caller's ebx and esi are pushed.
switch_to:
        push    eax
        mov     ebx, 2                  ; SIG_SETMASK
        mov     esi, 8
        mov     eax, 175                ; rt_sigprocmask
        int     0x80
        pop     edx
        pop     esi
        pop     ebx
        test    eax, eax
        jnz     fail
        lea     edx, [edx+20]
        xor     eax, eax                ; getcontext/swapcontext "return 0"
        jmp     __regs_load

; eax = -errno from the kernel
fail:
        neg     eax
        push    eax
        call    __errno_location        ; the calling thread's errno
        pop     ecx
        mov     dword [eax], ecx
        mov     eax, -1
        ret

; makecontext starts fn with esp pointing at this address, then fn's
; arguments; ebx holds uc_link (makecontext put it there, and fn, being a
; cdecl function, returns with ebx as it found it).
__start_context:
        test    ebx, ebx
        jz      .exit
        push    ebx
        call    setcontext              ; returns only if it failed
        push    1
        call    exit
.exit:
        push    0
        call    exit
.hang:
        jmp     .hang
