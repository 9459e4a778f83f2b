; traps.s: the bare machine's trap entry points and the CPU controls the
; fault reporter (fault.c) needs; C has no inline assembly.
;
;   __bare_vector_table   256 handler addresses for lvt: vectors 0..31 (the
;                         exceptions) each push their number, every other
;                         vector (an `int n` the program executed; IRQs never
;                         come, interrupts stay off) pushes 256
;   void bare_load_vector_table(void *table)   lvt
;   void bare_enable_paging(void *page_directory)   cr3 = it, then cr0.PG
;   unsigned bare_read_cr2(void)
;
; The CPU pushes [error code, eip, cpl, eflags, esp] for every trap (docs/
; architecture.md "Traps"); an entry adds the vector and cr2 and calls
; __bare_fault(cr2, vector, error code, eip), which never returns. A stack
; overflow cannot get here: the CPU cannot push the frame on an unmapped
; stack, so it triple-faults and the machine stops (cc --run reports it).

section .text
global bare_load_vector_table, bare_enable_paging, bare_read_cr2
extern __bare_fault

bare_load_vector_table:
        mov     eax, [esp + 4]
        lvt     eax
        ret

bare_enable_paging:
        mov     eax, [esp + 4]
        mov     cr3, eax
        mov     eax, cr0
        or      eax, 0x80000000         ; PG
        mov     cr0, eax
        ret

bare_read_cr2:
        mov     eax, cr2
        ret

trap_0:
        push    0
        jmp     trap_common
trap_1:
        push    1
        jmp     trap_common
trap_2:
        push    2
        jmp     trap_common
trap_3:
        push    3
        jmp     trap_common
trap_4:
        push    4
        jmp     trap_common
trap_5:
        push    5
        jmp     trap_common
trap_6:
        push    6
        jmp     trap_common
trap_7:
        push    7
        jmp     trap_common
trap_8:
        push    8
        jmp     trap_common
trap_9:
        push    9
        jmp     trap_common
trap_10:
        push    10
        jmp     trap_common
trap_11:
        push    11
        jmp     trap_common
trap_12:
        push    12
        jmp     trap_common
trap_13:
        push    13
        jmp     trap_common
trap_14:
        push    14
        jmp     trap_common
trap_15:
        push    15
        jmp     trap_common
trap_16:
        push    16
        jmp     trap_common
trap_17:
        push    17
        jmp     trap_common
trap_18:
        push    18
        jmp     trap_common
trap_19:
        push    19
        jmp     trap_common
trap_20:
        push    20
        jmp     trap_common
trap_21:
        push    21
        jmp     trap_common
trap_22:
        push    22
        jmp     trap_common
trap_23:
        push    23
        jmp     trap_common
trap_24:
        push    24
        jmp     trap_common
trap_25:
        push    25
        jmp     trap_common
trap_26:
        push    26
        jmp     trap_common
trap_27:
        push    27
        jmp     trap_common
trap_28:
        push    28
        jmp     trap_common
trap_29:
        push    29
        jmp     trap_common
trap_30:
        push    30
        jmp     trap_common
trap_31:
        push    31
        jmp     trap_common
trap_other:
        push    256
        jmp     trap_common

trap_common:
        mov     eax, cr2
        push    eax
        call    __bare_fault
.stop:
        cli
        hlt
        jmp     .stop

section .data
align 4
global __bare_vector_table
__bare_vector_table:
        dd      trap_0, trap_1, trap_2, trap_3, trap_4, trap_5, trap_6, trap_7
        dd      trap_8, trap_9, trap_10, trap_11, trap_12, trap_13, trap_14, trap_15
        dd      trap_16, trap_17, trap_18, trap_19, trap_20, trap_21, trap_22, trap_23
        dd      trap_24, trap_25, trap_26, trap_27, trap_28, trap_29, trap_30, trap_31
        times 224 dd trap_other
