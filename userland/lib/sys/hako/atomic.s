; atomic.s: the atomic steps the thread library is built from.
;
; Hako has one CPU and takes interrupts only between instructions, so one
; instruction that reads and writes memory is never interleaved with
; another thread's access: xchg (as on x86, where it is also locked) and
; inc on memory (which a multiprocessor would need `lock` for).
section .text
global __libc_xchg, __libc_inc

; int __libc_xchg(int *p, int v): *p = v, returning the old *p.
__libc_xchg:
        mov     ecx, [esp+4]
        mov     eax, [esp+8]
        xchg    eax, [ecx]
        ret

; void __libc_inc(int *p): *p += 1.
__libc_inc:
        mov     ecx, [esp+4]
        inc     dword [ecx]
        ret
