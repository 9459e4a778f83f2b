/*
 * bootinfo.h — the kernel's copy of the boot-info struct the loader wrote.
 * The layout itself is the shared contract in userland/include/hako/bootinfo.h
 * (docs/architecture.md "Physical memory map and boot"). kmain() copies the
 * loader's struct into `boot_info` before anything else, because the low
 * identity mapping it was reached through is dropped early.
 */
#ifndef HAKO_KERNEL_BOOTINFO_H
#define HAKO_KERNEL_BOOTINFO_H

#include "hako/bootinfo.h"

extern struct bootinfo boot_info;

#endif
