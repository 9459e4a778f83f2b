; swtch.s — the context switch.
;
; void swtch(struct context **save, struct context *load)
; Pushes the callee-saved registers (the caller's return address is already
; on the stack: it becomes context.eip), stores esp as *save, loads esp from
; `load`, pops that thread's registers and returns into it. The layout of
; struct context (include/proc.h) is exactly these pushes, lowest first:
; edi, esi, ebx, ebp, eip. Everything else a thread needs (its trap frame,
; eflags, cr3, KSP) is switched by schedule() in C.

section .text
global swtch

swtch:
    mov eax, [esp+4]
    mov edx, [esp+8]
    push ebp
    push ebx
    push esi
    push edi
    mov dword [eax], esp
    mov esp, edx
    pop edi
    pop esi
    pop ebx
    pop ebp
    ret
