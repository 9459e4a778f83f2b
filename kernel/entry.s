; entry.s — the kernel's first instructions, running at the physical load
; address with paging off.
;
; The loader starts us with cpl 0, IF 0, esp = 0x90000, eax = 'HAKO' and
; ebx = the physical address of the boot info. We build throwaway page
; tables in low memory (physical 0x10000: a directory and four tables) that
; map the first 16 MiB twice: identity (so the instruction after the cr0
; write still fetches) and at KERNBASE (where the kernel is linked). Then we
; jump to the higher half, switch to boot_stack and call kmain(bootinfo).
; kmain builds the real kernel page directory (the direct map of all RAM)
; and drops these tables; physical 0x10000-0x14FFF stays reserved as part
; of low memory.
;
; Symbols are linked at their virtual addresses, so before paging is on
; every reference subtracts KERNBASE.

KERNBASE     equ 0xC0000000
EARLY_PD     equ 0x10000            ; physical
EARLY_PT     equ 0x11000            ; physical, 4 consecutive tables
EARLY_TABLES equ 4                  ; 4 x 4 MiB = 16 MiB mapped early
PTE_PW       equ 3                  ; present | writable

section .text
global _start, boot_stack, boot_stack_top
extern kmain

_start:
    mov esi, ebx                    ; keep the boot info address

    ; Fill the four page tables: entry i maps physical i*4096.
    mov edi, EARLY_PT
    mov eax, PTE_PW
    mov ecx, EARLY_TABLES * 1024
.fill_pt:
    mov dword [edi], eax
    add eax, 4096
    add edi, 4
    dec ecx
    jnz .fill_pt

    ; Clear the directory, then point PDE 0..3 and 768..771 at the tables.
    mov edi, EARLY_PD
    mov ecx, 1024
    xor eax, eax
.clear_pd:
    mov dword [edi], eax
    add edi, 4
    dec ecx
    jnz .clear_pd

    mov edi, EARLY_PD
    mov eax, EARLY_PT + PTE_PW
    mov ecx, EARLY_TABLES
.fill_pd:
    mov dword [edi], eax
    mov dword [edi + 768 * 4], eax
    add eax, 4096
    add edi, 4
    dec ecx
    jnz .fill_pd

    mov eax, EARLY_PD
    mov cr3, eax
    mov eax, cr0
    or eax, 0x80010000              ; PG | WP
    mov cr0, eax

    mov eax, higher_half
    jmp eax

higher_half:
    mov esp, boot_stack_top
    xor ebp, ebp                    ; the backtrace stops at a zero frame pointer
    push esi
    call kmain
.hang:
    cli
    hlt
    jmp .hang

section .bss
boot_stack:
    resb 8192
boot_stack_top:
