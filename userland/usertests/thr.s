; thr.s: the one atomic step the thread cases need below C.
section .text
global ut_xchg, ut_wrtp

; wrtp from ring 3: #GP, so SIGSEGV.
ut_wrtp:
    mov eax, 1
    wrtp eax
    ret

; int ut_xchg(int *p, int v): store v at p and return the old value, in one
; instruction (no thread can run between the load and the store).
ut_xchg:
    mov ecx, [esp+4]
    mov eax, [esp+8]
    xchg eax, [ecx]
    ret
