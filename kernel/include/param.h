/*
 * param.h — fixed numbers of the kernel: the memory layout (docs/architecture.md
 * "Memory layout"), page geometry, limits. One place so the layout is
 * changed in one place.
 */
#ifndef HAKO_PARAM_H
#define HAKO_PARAM_H

#define KERNBASE 0xC0000000u      /* virtual address of physical 0 (direct map) */
#define KERNLINK 0xC0100000u      /* where the kernel is linked */
#define PAGE_SIZE 4096u
#define PAGE_SHIFT 12
#define PAGE_MASK 0xFFFFF000u

/* The direct map covers at most this much RAM (the rest of the top GiB
 * stays free for future vmalloc-like mappings). */
#define DIRECT_MAP_MAX 0x38000000u   /* 896 MiB, as on Linux i386 */

/* User address space layout (Linux i386-like). */
#define USER_TEXT_BASE 0x08048000u
#define USER_TOP 0xC0000000u         /* first byte the user may not touch */
#define USER_STACK_TOP 0xBFFFF000u   /* one guard page below KERNBASE */
#define USER_STACK_MAX (8u * 1024 * 1024)  /* RLIMIT_STACK's default soft limit: 8 MiB */
#define USER_STACK_CAP (256u * 1024 * 1024) /* the most stack exec gives (RLIMIT_STACK above it or infinite) */
#define USER_STACK_GAP (1u * 1024 * 1024)  /* guard gap between mmap area and stack limit */
#define USER_MMAP_BASE 0x40000000u   /* where mmap searches start (legacy i386 layout) */

#define KSTACK_SIZE 8192u            /* per-thread kernel stack: two pages */
#define NPROC 64                     /* rows of the debugger's published process table (kdebug.c): the first NPROC */
#define PID_MAX 32768                /* pids are below it (Linux's default pid_max) */
#define NOFILE_INITIAL 32            /* fd slots a new table starts with, inside its files_struct */
#define NR_OPEN 1024                 /* the most an fd table grows to: RLIMIT_NOFILE's ceiling (Linux's nr_open) */
#define NGROUPS_MAX 32               /* supplementary groups per process (Linux: 65536) */
#define HZ 100                       /* timer ticks per second */
#define TICK_US (1000000 / HZ)

#endif
