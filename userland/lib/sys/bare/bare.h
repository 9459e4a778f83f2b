/* bare.h: what the bare-machine system layer's files share. */
#ifndef _LIBC_BARE_H
#define _LIBC_BARE_H

/* ports.s */
int port_inb(int port);
void port_outb(int port, int value);
void cpu_halt(void);

/* sys.c: the heap sbrk hands out, [start, limit). Set once by start.c. */
void __bare_heap_init(unsigned long start, unsigned long limit);

/* fault.c: paging and trap vectors; returns the first free byte past the
 * page tables it put at boot->kernel_end (0 when it mapped nothing). */
struct bootinfo;
unsigned long __bare_traps_init(const struct bootinfo *boot);
extern const char *__bare_program_name;

#endif
