; memory.s: memcpy, memmove and memset for Hako, with the string
; instructions. `rep movsd` / `rep stosd` retire one instruction per dword,
; several times fewer than any C loop, and these three run under every
; buffer copy in libc. (string.c keeps portable C versions for other
; compilers: the host test harness.)
;
; cdecl (docs/abi.md): arguments at [esp+4...] on entry, result in eax,
; esi/edi saved and restored, DF clear on entry and on return. Unaligned
; dword moves are fine on this CPU, so no alignment prologue.

section .text
global memcpy, memmove, memset

; void *memcpy(void *dst, const void *src, size_t n)
memcpy:
        push    esi
        push    edi
        mov     edi, [esp + 12]
        mov     esi, [esp + 16]
        mov     ecx, [esp + 20]
        mov     eax, edi
copy_forward:                           ; memmove joins here (same registers)
        mov     edx, ecx
        shr     ecx, 2
        rep movsd
        mov     ecx, edx
        and     ecx, 3
        rep movsb
        pop     edi
        pop     esi
        ret

; void *memmove(void *dst, const void *src, size_t n)
; Forward unless dst lies inside [src, src + n): then from the top down.
memmove:
        push    esi
        push    edi
        mov     edi, [esp + 12]
        mov     esi, [esp + 16]
        mov     ecx, [esp + 20]
        mov     eax, edi
        mov     edx, edi
        sub     edx, esi                ; dst - src, unsigned
        cmp     edx, ecx
        jae     copy_forward            ; memcpy's way; dst < src wraps to a huge value
        std
        lea     esi, [esi + ecx - 1]
        lea     edi, [edi + ecx - 1]
        mov     edx, ecx
        and     ecx, 3
        rep movsb                       ; the top n % 4 bytes
        sub     esi, 3
        sub     edi, 3
        mov     ecx, edx
        shr     ecx, 2
        rep movsd                       ; then whole dwords, downwards
        cld
        pop     edi
        pop     esi
        ret

; void *memset(void *dst, int c, size_t n)
memset:
        push    edi
        mov     edi, [esp + 8]
        movzx   eax, byte [esp + 12]
        mov     ecx, [esp + 16]
        imul    eax, eax, 0x01010101    ; the byte in all four lanes
        mov     edx, ecx
        shr     ecx, 2
        rep stosd
        mov     ecx, edx
        and     ecx, 3
        rep stosb
        mov     eax, [esp + 8]
        pop     edi
        ret
