; arch.s — the machine primitives C cannot express (declared in include/arch.h).
;
; Each function is a leaf following docs/abi.md: arguments at [esp+4],
; [esp+8], result in eax, only eax/ecx/edx clobbered. Port numbers and values
; are passed as full dwords; the byte forms use the low byte.

section .text
global inb, inl, outb, outl
global read_cr0, write_cr0, read_cr2, read_cr3, write_cr3, invlpg
global load_vector_table, load_kernel_stack
global cli, sti, hlt, sti_hlt, irq_save, irq_restore, read_eflags, read_ebp
global rdtsc_low, power_off, tls_load

inb:
    mov edx, [esp+4]
    inb eax, edx
    ret

inl:
    mov edx, [esp+4]
    inl eax, edx
    ret

outb:
    mov edx, [esp+4]
    mov eax, [esp+8]
    outb edx, eax
    ret

outl:
    mov edx, [esp+4]
    mov eax, [esp+8]
    outl edx, eax
    ret

read_cr0:
    mov eax, cr0
    ret

write_cr0:
    mov eax, [esp+4]
    mov cr0, eax
    ret

read_cr2:
    mov eax, cr2
    ret

read_cr3:
    mov eax, cr3
    ret

write_cr3:
    mov eax, [esp+4]
    mov cr3, eax
    ret

invlpg:
    mov eax, [esp+4]
    invlpg [eax]
    ret

load_vector_table:
    mov eax, [esp+4]
    lvt eax
    ret

load_kernel_stack:
    mov eax, [esp+4]
    lksp eax
    ret

cli:
    cli
    ret

sti:
    sti
    ret

hlt:
    hlt
    ret

; sti takes effect before the hlt; an interrupt that was already pending is
; delivered at the hlt, so a wakeup between the caller's check and the halt
; is not lost (the caller checks with interrupts off).
sti_hlt:
    sti
    hlt
    ret

irq_save:
    pushf
    pop eax
    cli
    ret

irq_restore:
    mov eax, [esp+4]
    push eax
    popf
    ret

read_eflags:
    pushf
    pop eax
    ret

read_ebp:
    mov eax, ebp
    ret

rdtsc_low:
    rdtsc
    ret

; void tls_load(u32 tp): the thread-pointer register user code reads with rdtp.
tls_load:
    mov eax, [esp+4]
    wrtp eax
    ret

power_off:
    mov eax, [esp+4]
    mov edx, 0x501
    outb edx, eax
.stop:
    cli
    hlt
    jmp .stop
