; tp.s: the thread pointer on the bare machine (sys.h's __get_tp). Nothing
; sets it there, so it reads 0 and errno is the process-wide one.
section .text
global __get_tp

__get_tp:
        rdtp    eax
        ret
