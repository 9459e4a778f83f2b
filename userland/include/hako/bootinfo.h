/* hako/bootinfo.h: what the boot loader (emulator/loader.ts) hands the
 * program it starts, in ebx, with eax = BOOTINFO_MAGIC. The layout is the
 * contract in docs/architecture.md; every field is a 32-bit value and every
 * address is physical. */
#ifndef _HAKO_BOOTINFO_H
#define _HAKO_BOOTINFO_H

#define BOOTINFO_MAGIC 0x48414B4F /* 'HAKO' */

struct bootinfo {
  unsigned int magic;
  unsigned int ram_bytes;
  unsigned int cmdline;       /* NUL-terminated */
  unsigned int kernel_start;
  unsigned int kernel_end;    /* first free byte past everything loaded, page-aligned */
  unsigned int symtab, symtab_size;
  unsigned int strtab, strtab_size;
  unsigned int ndisks;        /* slots described: disk 0, 1 and 2 (a slot's size 0: empty) */
  unsigned int disk_blocks[2];
  unsigned int boot_time;     /* Unix time at power-on */
  unsigned int disk2_blocks;  /* disk 2 (appended: older fields keep their offsets) */
};

#endif
