; uaccess.s — the only instructions that touch user memory on the kernel's
; behalf (see mm/uaccess.c). Both routines push esi and edi and nothing
; else, so uaccess_fixup can unwind either: a page fault between
; uaccess_begin and uaccess_end that the VMAs cannot resolve resumes there
; with the faulting routine's esp, and it returns -EFAULT (-14).

section .text
global uaccess_copy, uaccess_strncpy, uaccess_begin, uaccess_end, uaccess_fixup

; int uaccess_copy(void *dst, const void *src, u32 n): 0
uaccess_copy:
    push esi
    push edi
    mov edi, [esp+12]
    mov esi, [esp+16]
    mov ecx, [esp+20]
uaccess_begin:
    mov edx, ecx
    shr ecx, 2
    rep movsd
    mov ecx, edx
    and ecx, 3
    rep movsb
    xor eax, eax
    pop edi
    pop esi
    ret

; int uaccess_strncpy(char *dst, const char *src, u32 max): bytes copied
; before the NUL (the NUL is copied too), or max when none was found.
uaccess_strncpy:
    push esi
    push edi
    mov edi, [esp+12]
    mov esi, [esp+16]
    mov ecx, [esp+20]
    xor edx, edx
.next:
    cmp edx, ecx
    jae .done
    movzx eax, byte [esi+edx]
    mov byte [edi+edx], eax
    test eax, eax
    jz .done
    inc edx
    jmp .next
.done:
    mov eax, edx
    pop edi
    pop esi
    ret
uaccess_end:

uaccess_fixup:
    mov eax, -14
    pop edi
    pop esi
    ret
