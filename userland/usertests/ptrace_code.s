; ptrace_code.s: code whose exact instructions t_ptrace.c's tracer knows —
; single-stepping counts bytes of it — and a word in the text section that
; a tracer pokes (the page is read-only and shared with the tracer after
; fork: the poke must land in a private copy).
section .text
global ut_step_code, ut_text_word

; Steps from here: nop (1 byte), nop (1), mov eax, 7 (6), then exit_group(0).
ut_step_code:
    nop
    nop
    mov eax, 7
    mov ebx, 0
    mov eax, 252
    int 0x80

ut_text_word:
    dd 0x11223344
