/*
 * panic.c — the end of the line for a kernel bug: panic() and panic_trap()
 * print what happened, the registers (for a trap), and a backtrace with
 * symbol names, then stop the CPU with interrupts off.
 *
 * The backtrace walks the frame-pointer chain ([ebp] = caller's ebp,
 * [ebp+4] = return address) and names each address from the ELF symbol
 * table the loader placed in RAM (bootinfo symtab/strtab, reached through
 * the direct map). Every pointer is checked before it is read, so a corrupt
 * stack ends the walk instead of faulting again; a panic inside a panic
 * just halts.
 */
#include "arch.h"
#include "bootinfo.h"
#include "lib.h"
#include "param.h"
#include "printk.h"
#include "trap.h"

struct elf32_sym {
  u32 st_name;
  u32 st_value;
  u32 st_size;
  u8 st_info;
  u8 st_other;
  u16 st_shndx;
};

#define STT_NOTYPE 0
#define STT_FUNC 2
#define BACKTRACE_MAX 24

static int panicking;

const char *symbol_for(u32 addr, u32 *offset) {
  struct elf32_sym *syms;
  const char *strs;
  u32 count, i;
  struct elf32_sym *best = NULL;
  if (boot_info.symtab == 0 || boot_info.strtab == 0) return NULL;
  syms = (struct elf32_sym *)(boot_info.symtab + KERNBASE);
  strs = (const char *)(boot_info.strtab + KERNBASE);
  count = boot_info.symtab_size / sizeof(struct elf32_sym);
  for (i = 1; i < count; i++) {
    struct elf32_sym *s = &syms[i];
    u32 type = s->st_info & 0xF;
    if (type != STT_FUNC && type != STT_NOTYPE) continue;
    if (s->st_shndx == 0 || s->st_name >= boot_info.strtab_size) continue;
    if (strs[s->st_name] == '.' || strs[s->st_name] == 0) continue;  /* local labels */
    if (s->st_value > addr) continue;
    if (best == NULL || s->st_value > best->st_value) best = s;
  }
  if (best == NULL) return NULL;
  if (best->st_size != 0 && addr >= best->st_value + best->st_size) return NULL;
  *offset = addr - best->st_value;
  return strs + best->st_name;
}

static void print_address(u32 addr) {
  u32 off = 0;
  const char *name = symbol_for(addr, &off);
  if (name) kprintf("  [<%p>] %s+0x%x\n", addr, name, off);
  else kprintf("  [<%p>] ?\n", addr);
}

static int plausible_frame(u32 ebp) {
  return ebp >= KERNBASE && (ebp & 3) == 0 && ebp < 0xFFFFF000u;
}

void backtrace(u32 ebp) {
  int depth = 0;
  kprintf("Call trace:\n");
  while (ebp != 0 && depth < BACKTRACE_MAX) {
    u32 ret;
    if (!plausible_frame(ebp)) {
      kprintf("  (frame pointer %p is not a kernel address)\n", ebp);
      break;
    }
    ret = ((u32 *)ebp)[1];
    if (ret == 0) break;
    print_address(ret);
    ebp = ((u32 *)ebp)[0];
    depth++;
  }
}

static void stop(void) {
  for (;;) {
    cli();
    hlt();
  }
}

static void panic_banner(void) {
  cli();
  if (panicking) stop();
  panicking = 1;
  kprintf("\nKernel panic - not syncing: ");
}

void panic(const char *fmt, ...) {
  va_list ap;
  char msg[160];
  panic_banner();
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  kprintf("%s\n", msg);
  backtrace(read_ebp());
  stop();
}

void panic_trap(struct trapframe *tf, const char *why) {
  panic_banner();
  kprintf("%s (vector %u, error 0x%x)\n", why, tf->vector, tf->err);
  kprintf("eip: %p  cpl %u  eflags %08x  cr2 %p  cr3 %p\n", tf->eip, tf->cpl, tf->eflags,
          read_cr2(), read_cr3());
  kprintf("eax: %08x ebx: %08x ecx: %08x edx: %08x\n", tf->eax, tf->ebx, tf->ecx, tf->edx);
  kprintf("esi: %08x edi: %08x ebp: %08x esp: %08x\n", tf->esi, tf->edi, tf->ebp, tf->esp);
  print_address(tf->eip);
  backtrace(tf->ebp);
  stop();
}
