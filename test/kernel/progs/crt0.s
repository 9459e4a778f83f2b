; crt0.s — a minimal start for the kernel's test programs (not libc's):
; the kernel enters with [esp] = argc, then argv[], NULL, envp[], NULL, auxv.
; Calls main(argc, argv, envp) and exits with its result.
section .text
global _start
extern main

_start:
    xor ebp, ebp
    mov eax, [esp]
    lea ebx, [esp+4]
    lea ecx, [ebx + eax*4 + 4]
    push ecx
    push ebx
    push eax
    call main
    mov ebx, eax
    mov eax, 1
    int 0x80
.hang:
    jmp .hang
