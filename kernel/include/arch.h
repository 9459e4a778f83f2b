/*
 * arch.h — the machine primitives C cannot express: port I/O, control
 * registers, the vector table and kernel stack registers, interrupt flag,
 * halt, the retired-instruction counter. Each is a tiny assembly function in
 * kernel/arch.s (our C has no inline assembly). They are leaf functions that
 * clobber only eax/ecx/edx, as the ABI allows.
 */
#ifndef HAKO_ARCH_H
#define HAKO_ARCH_H

#include "types.h"

u32 inb(u32 port);
u32 inl(u32 port);
void outb(u32 port, u32 value);
void outl(u32 port, u32 value);

u32 read_cr0(void);
void write_cr0(u32 value);
u32 read_cr2(void);
u32 read_cr3(void);
void write_cr3(u32 phys);   /* also flushes all non-global TLB entries */
void invlpg(u32 vaddr);
void load_vector_table(u32 *table);
void load_kernel_stack(u32 esp);

void cli(void);
void sti(void);
void hlt(void);
void sti_hlt(void);         /* sti then hlt: sleep until an interrupt, no lost wakeup */
u32 irq_save(void);         /* returns the old eflags and disables interrupts */
void irq_restore(u32 flags);/* restores IF from flags */
u32 read_eflags(void);
u32 read_ebp(void);
u32 rdtsc_low(void);        /* low dword of the retired-instruction counter */
void tls_load(u32 tp);      /* the thread pointer (wrtp) that ring 3 reads with rdtp */
void power_off(u32 code);   /* never returns */

#define EFLAGS_IF 0x200u
#define CR0_PG 0x80000000u
#define CR0_WP 0x00010000u

/* entry.s: the boot stack (the idle thread's kernel stack afterwards) */
extern char boot_stack[];
/* initcode.s: the first user program's bytes, copied into pid 1 */
extern char initcode_start[], initcode_end[];

#endif
