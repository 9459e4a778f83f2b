; goro_switch.s: the goroutine context switch, Go's gogo/mcall in one.
;
; void __goro_swap(struct goro_buf *save, struct goro_buf *load)
; Saves what a call preserves (ebx esi edi ebp, esp after return, return
; address) into save, loads load's and "returns" there. Unlike swapcontext
; there is no signal mask to move, so no system call: a switch is a dozen
; instructions. goro_buf layout: +0 ebx +4 esi +8 edi +12 ebp +16 esp +20 eip.
section .text
global __goro_swap

__goro_swap:
        mov     eax, [esp+4]
        mov     [eax], ebx
        mov     [eax+4], esi
        mov     [eax+8], edi
        mov     [eax+12], ebp
        lea     ecx, [esp+4]
        mov     [eax+16], ecx
        mov     ecx, [esp]
        mov     [eax+20], ecx
        mov     edx, [esp+8]
        mov     ebx, [edx]
        mov     esi, [edx+4]
        mov     edi, [edx+8]
        mov     ebp, [edx+12]
        ; The target is read before esp moves to the new stack: a SIGURG
        ; arriving between the two would find itself on the G's stack and
        ; preempt it, saving a new context into *load; resumed, a jump
        ; through memory would take that context's eip with these
        ; registers (ebp 0 for a new G). From a register it goes where
        ; this switch meant to.
        mov     ecx, [edx+20]
        mov     esp, [edx+16]
        jmp     ecx

; int __goro_xchg(int *p, int v): the one atomic step the lock needs.
global __goro_xchg
__goro_xchg:
        mov     ecx, [esp+4]
        mov     eax, [esp+8]
        xchg    eax, [ecx]
        ret
