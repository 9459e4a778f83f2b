; trap_entry.s — the way into and out of the kernel for every trap.
;
; The CPU pushes [old esp, eflags, old cpl, eip, error code] and jumps to
; the vector table entry (docs/architecture.md "Traps"). trap_init() points
; entry i at trap_stubs + 5*i: 256 identical 5-byte `call trap_common`
; instructions. The return address that call pushes identifies the vector:
; vector = (return address - trap_stubs) / 5 - 1; trap_common replaces it
; with that number, so the stack then holds exactly a struct trapframe
; (include/trap.h) once the general registers are pushed. trap(tf) may
; change any field (a syscall result in eax, a fault-recovery eip, a signal
; frame later); trapret restores the frame and irets, discarding the vector
; and error code.
;
; Invariants: DF is clear in C (cld on entry); the division by 5 is a
; multiply by 52429 and shift by 18, exact for every value below 81920.

section .text
global trap_stubs, trap_common, trapret
extern trap

trap_common:
    push eax
    mov eax, [esp+4]                ; return address of the stub's call
    sub eax, trap_stubs
    imul eax, eax, 52429
    shr eax, 18                     ; (ret - trap_stubs) / 5
    dec eax
    mov dword [esp+4], eax                ; the vector number, in place of the return address
    push ecx
    push edx
    push ebx
    push ebp
    push esi
    push edi
    cld
    push esp                        ; struct trapframe *
    call trap
    add esp, 4
trapret:
    pop edi
    pop esi
    pop ebp
    pop ebx
    pop edx
    pop ecx
    pop eax
    add esp, 8                      ; vector and error code
    iret

; 256 stubs of 5 bytes each (opcode + rel32); vector i is the i-th line.
trap_stubs:
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
    call trap_common
