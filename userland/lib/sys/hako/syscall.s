; long syscall(long number, ...): any system call by number, as glibc's
; syscall(2): up to six arguments in ebx ecx edx esi edi ebp (docs/abi.md),
; -1 with errno set when the kernel returns -errno. For calls libc has no
; wrapper for yet: a system call a student just added to the kernel.

section .text
extern __errno_location

global syscall
syscall:
    push ebp
    push edi
    push esi
    push ebx
    mov eax, [esp+20]
    mov ebx, [esp+24]
    mov ecx, [esp+28]
    mov edx, [esp+32]
    mov esi, [esp+36]
    mov edi, [esp+40]
    mov ebp, [esp+44]
    int 0x80
    pop ebx
    pop esi
    pop edi
    pop ebp
    cmp eax, -4095
    jae syscall_failed
    ret
syscall_failed:
    neg eax
    push eax
    call __errno_location   ; the calling thread's errno
    pop ecx
    mov dword [eax], ecx
    mov eax, -1
    ret
