; ports.s: port I/O for C, which has no inline assembly.
;
;   int  port_inb(int port)             a byte from the port, zero-extended
;   void port_outb(int port, int value) the low byte of value to the port
;   void cpu_halt(void)                 hlt: with interrupts off (as on the
;                                       bare machine) the machine stops
;
; Ring 0 only (the bare machine); cdecl as in docs/abi.md, touching only
; the caller-saved eax and edx.

section .text
global port_inb, port_outb, cpu_halt

port_inb:
        mov     edx, [esp + 4]
        inb     eax, edx
        movzxb  eax, eax
        ret

port_outb:
        mov     edx, [esp + 4]
        mov     eax, [esp + 8]
        outb    edx, eax
        ret

cpu_halt:
        hlt
        ret
