; goro_switch.s: the goroutine context switch, Go's gogo/mcall in one.
;
; void __goro_swap(struct goro_buf *save, struct goro_buf *load)
; Saves what a call preserves (ebx esi edi ebp, esp after return, return
; address) into save, loads load's and "returns" there. Unlike swapcontext
; there is no signal mask to move, so no system call: a switch is a dozen
; instructions. goro_buf is regs.s's block: +0 ebx +4 esi +8 edi +12 ebp
; +16 esp +20 eip.
section .text
global __goro_swap
extern __regs_save, __regs_load

__goro_swap:
        mov     eax, [esp+4]
        call    __regs_save             ; regs.s
        mov     edx, [esp+8]
        jmp     __regs_load

; int __goro_xchg(int *p, int v): the one atomic step the lock needs.
global __goro_xchg
__goro_xchg:
        mov     ecx, [esp+4]
        mov     eax, [esp+8]
        xchg    eax, [ecx]
        ret
