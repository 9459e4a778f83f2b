; pte_share.s — fork's inner loop (mm_copy in vm.c): share a run of
; present user PTEs of one page table with the child's table.
;
; For each entry of src[0..n): a present PTE is rewritten in place as
; (pte & clear) | set (copy-on-write: clear PTE_W, set PTE_COW; MAP_SHARED
; areas: unchanged), the child's entry gets the same frame with only
; P, W, U and COW of it, and the frame's struct page gains one refcount
; and one mapcount. A zero entry is skipped. The loop stops at any other
; not-present entry (a swap entry) so the C caller can handle it; it
; returns how many entries it consumed. It is assembly because it runs
; once per resident page at every fork: about 20 instructions a page.

section .text
global pte_share_run

; u32 pte_share_run(pte_t *src, pte_t *dst, u32 n, u32 clear, u32 set,
;                   int *refcount0, u32 mapcount_delta, u32 page_size,
;                   u32 *shared)
; refcount0: &page_array[0].refcount; mapcount_delta: bytes from refcount
; to mapcount; page_size: sizeof(struct page); *shared += pages shared.
pte_share_run:
    push ebp
    push ebx
    push esi
    push edi
    mov esi, [esp+20]
    mov edi, [esp+24]
    mov ecx, [esp+28]
    mov ebx, [esp+40]
    mov ebp, [esp+48]
    test ecx, ecx
    jz .done
.loop:
    mov eax, [esi]
    test eax, 1
    jz .absent
    and eax, [esp+32]
    or eax, [esp+36]
    mov [esi], eax
    mov edx, eax
    and edx, 0xFFFFF207
    mov [edi], edx
    shr eax, 12
    imul eax, ebp
    add eax, ebx
    inc dword [eax]
    add eax, [esp+44]
    inc dword [eax]
    mov edx, [esp+52]
    inc dword [edx]
.next:
    add esi, 4
    add edi, 4
    dec ecx
    jnz .loop
.done:
    mov eax, esi
    sub eax, [esp+20]
    shr eax, 2
    pop edi
    pop esi
    pop ebx
    pop ebp
    ret
.absent:
    test eax, eax
    jz .next
    jmp .done
