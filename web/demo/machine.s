; machine.s: the demo's hardware helpers, which C (having no inline
; assembly) cannot express: dword port I/O, turning paging on, and the
; loop6 benchmark body (the same six instructions as test/bench/cpu.ts).
;
;   int  port_inl(int port)
;   void port_outl(int port, int value)
;   void paging_enable(unsigned page_directory)  cr3 = it; cr0 |= PG
;   void loop6(int iterations, int *cell)         the benchmark loop
;
; cdecl as in docs/abi.md; ebx, esi, edi and ebp are saved where used.

section .text
global port_inl, port_outl, paging_enable, loop6

port_inl:
        mov     edx, [esp + 4]
        inl     eax, edx
        ret

port_outl:
        mov     edx, [esp + 4]
        mov     eax, [esp + 8]
        outl    edx, eax
        ret

paging_enable:
        mov     eax, [esp + 4]
        mov     cr3, eax
        mov     eax, cr0
        or      eax, 0x80000000
        mov     cr0, eax
        ret

loop6:
        push    ebx
        push    esi
        mov     ecx, [esp + 12]
        mov     esi, [esp + 16]
        xor     ebx, ebx
.top:
        mov     eax, [esi]
        add     eax, ecx
        mov     dword [esi], eax
        sub     ebx, eax
        dec     ecx
        jnz     .top
        pop     esi
        pop     ebx
        ret
