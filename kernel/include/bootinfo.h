/*
 * bootinfo.h — the boot-info struct the loader writes (docs/architecture.md
 * "Physical memory map and boot"). All fields are u32, addresses physical.
 * kmain() receives its physical address and copies it into `boot_info`
 * before anything else, because the low identity map is removed later.
 */
#ifndef HAKO_BOOTINFO_H
#define HAKO_BOOTINFO_H

#include "types.h"

#define BOOTINFO_MAGIC 0x48414B4Fu   /* 'HAKO' */

struct bootinfo {
  u32 magic;
  u32 ram_bytes;
  u32 cmdline;
  u32 kernel_start;
  u32 kernel_end;      /* first free byte, page-aligned */
  u32 symtab;
  u32 symtab_size;
  u32 strtab;
  u32 strtab_size;
  u32 ndisks;
  u32 disk_blocks[2];
  u32 boot_time;
};

extern struct bootinfo boot_info;

#endif
