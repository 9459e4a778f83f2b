; crt0.s: where a bare-machine program starts (_start).
;
; The boot loader jumps here with paging off, ring 0, interrupts off,
; esp = 0x00090000, eax = 0x48414B4F ('HAKO') and ebx = the physical
; address of struct bootinfo (hako/bootinfo.h). We keep the loader's stack:
; it grows down from 0x90000, below the program (linked at 0x00100000),
; so the program and its heap never meet it. Nothing needs zeroing: the
; loader zero-fills bss. All the real work (heap, argv, main, exit) is C, in
; start.c; this file only hands it the boot info, or 0 when the magic is
; missing (then there is no command line and no heap).

section .text
global _start
extern __bare_start

_start:
        cmp     eax, 0x48414B4F
        je      .have_bootinfo
        mov     ebx, 0
.have_bootinfo:
        xor     ebp, ebp                ; ends the frame chain for backtraces
        push    ebx
        call    __bare_start            ; calls main, then exit: never returns
.stop:
        hlt                             ; interrupts are off: the machine stops
        jmp     .stop
