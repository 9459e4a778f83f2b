/* fault.c: what a CPU exception does to a bare-machine program.
 *
 * A bare program runs in ring 0 with no kernel, so without this file a
 * divide by zero jumped through an empty vector table into address 0 and
 * ran zeros forever, and a wild pointer read the floating bus (all ones).
 * At start-up (__bare_traps_init, from start.c):
 * - Memory map: paging on, RAM identity-mapped (linear = physical, so
 *   nothing else changes), except the page at 0, which stays unmapped so a
 *   null pointer faults; nothing is mapped past the end of RAM (where a
 *   kernel address like 0xC0000000 would be), so such an access faults too.
 *   The tables take the first pages of free RAM, before the heap.
 * - Traps: every vector goes to traps.s, which calls __bare_fault.
 * __bare_fault prints one line on the console, as a shell reports a killed
 * process, naming the exception, the address of the instruction and the
 * function it is in (from the symbol table the loader copied into RAM), e.g.
 *   prog.c: divide error (#DE) at 0x00100034 in main
 * then powers off with 128 + the signal Linux would send (SIGFPE 136,
 * SIGSEGV 139, SIGILL 132, SIGTRAP 133), like a shell's $? for a killed
 * process. Unflushed stdio output is lost, as on Linux.
 * Invariant: the reporter uses no stdio or heap (they may be what broke),
 * only the UART; a fault inside it stops the machine. */
#include <hako/bootinfo.h>
#include "../../sys.h"
#include "bare.h"

#define PAGE 4096u
#define LARGE_PAGE 0x400000u
#define PTE_PRESENT 0x001u
#define PTE_WRITABLE 0x002u
#define PDE_LARGE 0x080u
#define POWER_PORT 0x501

#define SIGILL 4
#define SIGTRAP 5
#define SIGFPE 8
#define SIGSEGV 11

#define STT_FUNC 2

struct elf_symbol {
  unsigned int name, value, size;
  unsigned char info, other;
  unsigned short section;
};

extern unsigned int __bare_vector_table[256];
void bare_load_vector_table(unsigned int *table);
void bare_enable_paging(unsigned int *page_directory);

static const struct bootinfo *boot_info;
/* Set by start.c once argv[0] is known. */
const char *__bare_program_name = "a.out";
static int reporting;

/* Maps RAM [0, ram_bytes) at the same linear addresses, page 0 excepted,
 * with tables built at `free` (page-aligned); returns the first byte past
 * them. A 4 MiB chunk wholly in RAM is one large page; the first chunk
 * (for page 0) and a partial last chunk get a page table. */
static unsigned long map_ram(unsigned long free, unsigned long ram_bytes) {
  unsigned int *directory = (unsigned int *)free;
  unsigned long chunk, page;
  int i;
  free += PAGE;
  for (i = 0; i < 1024; i++)
    directory[i] = 0;
  for (chunk = 0; chunk < ram_bytes; chunk += LARGE_PAGE) {
    if (chunk != 0 && ram_bytes - chunk >= LARGE_PAGE) {
      directory[chunk / LARGE_PAGE] = chunk | PDE_LARGE | PTE_WRITABLE | PTE_PRESENT;
      continue;
    }
    unsigned int *table = (unsigned int *)free;
    free += PAGE;
    for (i = 0; i < 1024; i++) {
      page = chunk + (unsigned long)i * PAGE;
      table[i] = page != 0 && page < ram_bytes ? page | PTE_WRITABLE | PTE_PRESENT : 0;
    }
    directory[chunk / LARGE_PAGE] = (unsigned long)table | PTE_WRITABLE | PTE_PRESENT;
  }
  bare_enable_paging(directory);
  return free;
}

unsigned long __bare_traps_init(const struct bootinfo *boot) {
  unsigned long free = 0;
  boot_info = boot;
  bare_load_vector_table(__bare_vector_table);
  if (boot && boot->ram_bytes >= 2 * LARGE_PAGE)
    free = map_ram(boot->kernel_end, boot->ram_bytes);
  return free;
}

static void put(const char *s) {
  unsigned long n = 0;
  while (s[n])
    n++;
  __sys_write(2, s, n);
}

static void put_hex(unsigned int v) {
  char text[11];
  int i;
  text[0] = '0';
  text[1] = 'x';
  for (i = 9; i >= 2; i--) {
    text[i] = "0123456789abcdef"[v & 15];
    v >>= 4;
  }
  text[10] = 0;
  put(text);
}

/* The name of the function containing `address`, or NULL. */
static const char *function_at(unsigned int address) {
  const struct elf_symbol *symbols, *best = 0;
  unsigned int count, i;
  if (!boot_info || !boot_info->symtab || !boot_info->strtab)
    return 0;
  symbols = (const struct elf_symbol *)boot_info->symtab;
  count = boot_info->symtab_size / sizeof(struct elf_symbol);
  for (i = 0; i < count; i++) {
    const struct elf_symbol *s = &symbols[i];
    if ((s->info & 15) != STT_FUNC || s->value > address)
      continue;
    if (s->size ? address - s->value < s->size : !best || s->value > best->value)
      best = s;
  }
  if (!best || best->name >= boot_info->strtab_size)
    return 0;
  return (const char *)boot_info->strtab + best->name;
}

void __bare_fault(unsigned int cr2, unsigned int vector, unsigned int code, unsigned int eip) {
  const char *where;
  int signal = SIGSEGV;
  if (reporting)
    cpu_halt(); /* a fault while reporting one: stop here */
  reporting = 1;
  put(__bare_program_name);
  put(": ");
  switch (vector) {
  case 0: put("divide error (#DE)"); signal = SIGFPE; break;
  case 3: put("breakpoint (#BP)"); signal = SIGTRAP; break;
  case 6: put("invalid opcode (#UD)"); signal = SIGILL; break;
  case 8: put("double fault (#DF)"); break;
  case 13: put("general protection fault (#GP)"); break;
  case 14:
    put(code & 2 ? "page fault (#PF) writing " : "page fault (#PF) reading ");
    put_hex(cr2);
    break;
  case 256: put("interrupt to an unused vector (int n)"); break;
  default: put("exception "); put_hex(vector); break;
  }
  put(" at ");
  put_hex(eip);
  where = function_at(eip);
  if (where) {
    put(" in ");
    put(where);
  }
  if (vector == 14) {
    if (cr2 < PAGE)
      put(": a null pointer (page 0 is unmapped)");
    else if (boot_info && cr2 >= boot_info->ram_bytes)
      put(": no memory there (RAM ends at ");
    if (cr2 >= PAGE && boot_info && cr2 >= boot_info->ram_bytes) {
      put_hex(boot_info->ram_bytes);
      put(")");
    }
  }
  put("\n");
  port_outb(POWER_PORT, 128 + signal);
  cpu_halt();
}
