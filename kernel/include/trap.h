/*
 * trap.h — the trap frame and vector numbers.
 *
 * struct trapframe is exactly what kernel/trap_entry.s leaves on the kernel
 * stack: the general registers it pushes (edi lowest), the vector number the
 * stub pushes, then the five dwords the CPU pushes (docs/architecture.md
 * "Traps"). The field order is a contract with trap_entry.s and with
 * fork/exec, which build frames by hand.
 */
#ifndef HAKO_TRAP_H
#define HAKO_TRAP_H

#include "types.h"

struct trapframe {
  u32 edi, esi, ebp, ebx, edx, ecx, eax;  /* pushed by trap_common */
  u32 vector;                             /* pushed by the vector stub */
  u32 err;                                /* pushed by the CPU (0 when none) */
  u32 eip;
  u32 cpl;
  u32 eflags;
  u32 esp;                                /* old esp, also from ring 0 */
};

#define T_DIVIDE 0
#define T_DEBUG 1
#define T_BREAKPOINT 3
#define T_INVALID_OP 6
#define T_DOUBLE_FAULT 8
#define T_GPF 13
#define T_PAGE_FAULT 14
#define T_IRQ0 32
#define T_SYSCALL 0x80

#define IRQ_TIMER 0
#define IRQ_UART 4
#define IRQ_DISK0 14
#define IRQ_DISK1 15
#define IRQ_DISK2 11

#define PF_PROT 1    /* #PF error code: protection violation (page present) */
#define PF_WRITE 2
#define PF_USER 4

typedef void (*irq_handler_fn)(int irq);

void trap_init(void);
void trap(struct trapframe *tf);
/* name: what /proc/interrupts calls the line's device. */
void irq_register(int irq, irq_handler_fn handler, const char *name);
/* Interrupts delivered per line since boot, and the name registered
 * (NULL: no handler). /proc/interrupts and /proc/stat's intr line. */
u32 irq_count(int irq);
const char *irq_name(int irq);
#define NR_IRQS 16
/* Set by trap(): true while handling an interrupt (no sleeping there). */
extern int in_interrupt;

/* Assembly side (trap_entry.s). */
extern u32 trap_stubs[];      /* first stub; stub i is at trap_stubs + i * TRAP_STUB_BYTES */
void trapret(void);           /* pops a trapframe and irets: where new threads start */
#define TRAP_STUB_BYTES 5

/* trap.c: the trap being handled interrupted user mode (CPU time's kind) */
extern int trap_from_user;

#endif
