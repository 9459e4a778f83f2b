; crt0.s: where a program on the Hako OS starts (_start).
;
; The kernel's execve enters ring 3 with the Linux i386 initial stack:
; [esp] = argc, [esp+4] = argv[0] .. argv[argc-1], NULL, then envp[], NULL,
; then the auxiliary vector. We point libc's `environ` at envp and
; `program_invocation_name` at argv[0] (exit's write-error report), and call
; exit(main(argc, argv, envp)), so stdio is flushed and atexit handlers run
; whichever way main returns. ebp = 0 ends the frame chain for backtraces.
; Before main, __libc_init_tls makes the thread pointer point at the main
; thread's TLS block (tls.c): errno is per thread from the start.

section .text
global _start
extern main, exit, environ, program_invocation_name, __libc_init_tls

_start:
        xor     ebp, ebp
        mov     eax, [esp]              ; argc
        lea     ebx, [esp+4]            ; argv
        lea     ecx, [ebx + eax*4 + 4]  ; envp: past argv's NULL
        mov     dword [environ], ecx
        mov     edx, [ebx]              ; argv[0] (NULL when argc is 0)
        mov     dword [program_invocation_name], edx
        push    eax
        push    ebx
        push    ecx
        call    __libc_init_tls         ; keeps ebx, not eax/ecx: saved here
        pop     ecx
        pop     ebx
        pop     eax
        push    ecx
        push    ebx
        push    eax
        call    main
        add     esp, 12
        push    eax
        call    exit                    ; never returns
.hang:
        jmp     .hang
