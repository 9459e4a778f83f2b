; clone.s: the raw thread-creating clone, as glibc's clone(3) does it.
;
; int __clone(int (*fn)(void *), void *stack, int flags, void *arg,
;             int *ptid, void *tls, int *ctid)
; Returns the new thread's id, or -errno (libc's clone, thread.c, sets
; errno). The child starts on `stack` with fn and arg placed there by the
; parent, calls fn(arg) and ends the thread (exit, 1: this thread only)
; with fn's result. Registers: clone's arguments go in ebx (flags), ecx
; (child stack), edx (ptid), esi (tls), edi (ctid), Linux i386's order.
section .text
global __clone, __get_tp

; void *__get_tp(void): the thread pointer (the kernel sets it per thread:
; set_thread_area, CLONE_SETTLS).
__get_tp:
        rdtp    eax
        ret

__clone:
        push    ebx
        push    esi
        push    edi
        ; arguments now at esp+16: fn, +20 stack, +24 flags, +28 arg,
        ; +32 ptid, +36 tls, +40 ctid
        mov     ecx, [esp+20]
        and     ecx, -16                ; the child's stack, aligned
        sub     ecx, 8
        mov     eax, [esp+28]
        mov     [ecx+4], eax            ; arg, for fn
        mov     eax, [esp+16]
        mov     [ecx], eax              ; fn
        mov     ebx, [esp+24]
        mov     edx, [esp+32]
        mov     esi, [esp+36]
        mov     edi, [esp+40]
        mov     eax, 120                ; clone
        int     0x80
        test    eax, eax
        jz      .child
        pop     edi
        pop     esi
        pop     ebx
        ret
.child:
        xor     ebp, ebp                ; the end of the child's frame chain
        pop     eax                     ; fn; arg is now at [esp]
        call    eax
        mov     ebx, eax
        mov     eax, 1                  ; exit: this thread only
        int     0x80
.hang:
        jmp     .hang
