// Trap vectors and run-loop stop reasons: numbers the CPU, the machine and
// the kernel agree on (docs/architecture.md "Traps").

export const VEC_DE = 0, VEC_DB = 1, VEC_BP = 3, VEC_UD = 6, VEC_DF = 8, VEC_GP = 13, VEC_PF = 14, VEC_IRQ_BASE = 32, VEC_SYSCALL = 0x80;

export const STOP_NONE = 0;
/** hlt with IF=1: waiting for an interrupt. */
export const STOP_HALTED = 1;
/** hlt with IF=0, or a triple fault: see cpu.deadReason. Only reset() revives the CPU. */
export const STOP_DEAD = 2;
export const STOP_BREAKPOINT = 3;
export const STOP_REQUESTED = 4;
