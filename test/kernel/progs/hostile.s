; hostile.s — instructions a user program may not execute; each must end
; in a signal for the process, never in a kernel crash.
section .text
global do_cli, do_int21, do_ud2, do_hlt, do_out, do_lvt, do_cr3, do_iret

do_cli:
    cli
    ret
do_int21:
    int 0x21
    ret
do_ud2:
    ud2
    ret
do_hlt:
    hlt
    ret
do_out:
    mov edx, 0x501
    mov eax, 1
    outb edx, eax
    ret
do_lvt:
    mov eax, 0
    lvt eax
    ret
do_cr3:
    mov eax, 0
    mov cr3, eax
    ret
do_iret:
    iret

; Not hostile: the retired-instruction counter (low dword), for benchmarks.
global read_tsc
read_tsc:
    rdtsc
    ret

; int __sys_syscall6(int nr, a, b, c, d, e, f): any system call, raw result.
global __sys_syscall6
__sys_syscall6:
    push ebx
    push esi
    push edi
    push ebp
    mov eax, [esp+20]
    mov ebx, [esp+24]
    mov ecx, [esp+28]
    mov edx, [esp+32]
    mov esi, [esp+36]
    mov edi, [esp+40]
    mov ebp, [esp+44]
    int 0x80
    pop ebp
    pop edi
    pop esi
    pop ebx
    ret
