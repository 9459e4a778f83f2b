; initcode.s — the first user-mode instructions: pid 1 before it has a
; program of its own.
;
; The kernel (proc/init.c) copies the bytes from initcode_start to
; initcode_end to user address 0x08048000 and writes, in the same page, the
; path of the init program, its argv and envp, and a failure message. The
; code is position independent (only relative jumps) and reaches that data
; through fixed user addresses. It asks for execve(path, argv, envp); if
; that returns, it prints the message and exits with 127 — and since init
; may not exit, the kernel panics "Attempted to kill init", as Linux does
; when no init can be run.

INIT_BASE  equ 0x08048000
INIT_PATH  equ INIT_BASE + 0x800
INIT_ARGV  equ INIT_BASE + 0x900
INIT_ENVP  equ INIT_BASE + 0x980
INIT_MSG   equ INIT_BASE + 0xA00
INIT_MSGLEN equ INIT_BASE + 0x9F0

section .text
global initcode_start, initcode_end

initcode_start:
    mov eax, 11                 ; execve
    mov ebx, INIT_PATH
    mov ecx, INIT_ARGV
    mov edx, INIT_ENVP
    int 0x80
    mov eax, 4                  ; write(2, msg, len)
    mov ebx, 2
    mov ecx, INIT_MSG
    mov edx, [INIT_MSGLEN]
    int 0x80
    mov eax, 1                  ; exit(127)
    mov ebx, 127
    int 0x80
.spin:
    jmp .spin
initcode_end:
