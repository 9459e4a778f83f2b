; raw.s: what the usertests need below C — any system call by number, and
; instructions that must fault in user mode.
section .text
global ut_syscall3, ut_illegal, ut_privileged

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
