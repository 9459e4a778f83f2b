; regs.s: the one copy of "save what a call preserves" and "resume it",
; shared by setjmp/longjmp (setjmp.s), sigsetjmp/siglongjmp
; (sys/hako/sigsetjmp.s), getcontext/setcontext/swapcontext
; (sys/hako/ucontext.s) and the goroutine switch (sys/hako/goro_switch.s).
; Our assembler has no macros, so it is a routine; each caller reaches it
; first thing, before pushing anything, so the stack still holds exactly
; the caller's return address above ours.
;
; The register block (24 bytes, docs/abi.md): +0 ebx +4 esi +8 edi
; +12 ebp +16 esp (the esp the caller's caller has once the caller has
; returned) +20 eip (the caller's return address). Only callee-saved
; registers are kept: every saving function is entered by a call, so
; eax, ecx and edx are dead there.
section .text
global __regs_save, __regs_load

; __regs_save: eax = the block. Preserves eax, clobbers ecx.
__regs_save:
        mov     [eax], ebx
        mov     [eax+4], esi
        mov     [eax+8], edi
        mov     [eax+12], ebp
        lea     ecx, [esp+8]            ; past our return address and the caller's
        mov     [eax+16], ecx
        mov     ecx, [esp+4]            ; the caller's return address
        mov     [eax+20], ecx
        ret

; __regs_load: edx = the block; jumped to, never returns. eax is left as
; it is: the value the resumed call "returns".
; The target is read before esp moves to the new stack: a signal arriving
; between the two runs its handler on the new stack, and a goroutine's
; preemption handler saves a fresh context into the very block being
; loaded; a jump through memory would then take that context's eip with
; the registers already loaded here (ebp 0 for a new G). From a register
; it goes where this resume meant to.
__regs_load:
        mov     ebx, [edx]
        mov     esi, [edx+4]
        mov     edi, [edx+8]
        mov     ebp, [edx+12]
        mov     ecx, [edx+20]
        mov     esp, [edx+16]
        jmp     ecx
