; pageops.s — clearing and copying one 4 KiB frame for the page-fault
; paths (mm/fault.c): a minor fault zeroes a page, a copy-on-write fault
; copies one. Like memset/memcpy (lib/memops.s) but with the size fixed,
; so the whole call is the 1,024-dword string instruction and a handful of
; others (the minor fault's budget is tight: docs/performance.md).

section .text
global clear_page, copy_page

; void clear_page(void *kva): 4096 zero bytes at kva (page-aligned)
clear_page:
    push edi
    mov edi, [esp+8]
    xor eax, eax
    mov ecx, 1024
    rep stosd
    pop edi
    ret

; void copy_page(void *dst, const void *src): 4096 bytes
copy_page:
    push esi
    push edi
    mov edi, [esp+12]
    mov esi, [esp+16]
    mov ecx, 1024
    rep movsd
    pop edi
    pop esi
    ret
