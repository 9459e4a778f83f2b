; tsc.s: the two assembly helpers of the OS benchmarks (userland/bench).
;
; bench_tsc     returns the low dword of rdtsc: instructions retired since
;               power-on (docs/architecture.md). The low dword wraps every
;               2^32 instructions (43 s of emulated time), far longer than any
;               measured stretch, and unsigned subtraction of two readings is
;               right across one wrap.
; bench_nothing returns at once. A loop calling it costs exactly what a
;               loop calling a system-call stub costs besides the stub's
;               body, so it is the loop overhead the benchmarks subtract.

section .text
global bench_tsc, bench_nothing

bench_tsc:
        rdtsc
        ret

bench_nothing:
        ret
