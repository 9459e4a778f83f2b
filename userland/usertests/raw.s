; raw.s: what the usertests need below C — any system call by number, and
; instructions that must fault in user mode.
section .text
global ut_syscall3, ut_illegal, ut_privileged, ut_sigreturn_garbage

; int ut_syscall3(int nr, int a, int b, int c): the raw result (-errno).
ut_syscall3:
    push ebx
    mov eax, [esp+8]
    mov ebx, [esp+12]
    mov ecx, [esp+16]
    mov edx, [esp+20]
    int 0x80
    pop ebx
    ret

; An undefined instruction: #UD, so SIGILL.
ut_illegal:
    ud2
    ret

; A privileged instruction in ring 3: #GP, so SIGSEGV.
ut_privileged:
    cli
    ret

; sigreturn (119) with no signal frame on the stack: what it finds there is
; 32 words of all ones, so the "restored" eip is 0xFFFFFFFF and the
; "restored" mask blocks every signal — the fault that follows must still
; kill the process (a forced SIGSEGV), not restart forever. Never returns.
ut_sigreturn_garbage:
    mov ecx, 32
.fill:
    push -1
    dec ecx
    jnz .fill
    mov eax, 119
    int 0x80
    ret
