/*
 * kdebug.c — a process table for debuggers (the page's process pane),
 * published in kernel memory at fixed, documented offsets.
 *
 * The host never asks the kernel anything: like a debugger with symbols,
 * it finds `kdebug_procs` in the kernel's symbol table and reads guest RAM
 * (physical = virtual - 0xC0000000). A kernel thread, kdebugd, refreshes
 * the snapshot every 50 ms (outside interrupt context; it is also the
 * kernel's first kernel thread, the pattern kswapd will follow). Layout
 * (docs/kernel.md "Debugger process table"): a 32-byte header of u32 —
 * magic 'HKPS' (0x53504B48), version 1, entry count, entry size (64),
 * generation, three reserved — then `count` entries of struct
 * kdebug_proc. `generation` is odd while an update is in flight and even
 * otherwise: equal even values before and after a read mean it is whole.
 */
#include "arch.h"
#include "proc.h"
#include "lib.h"
#include "vm.h"

#define KDEBUG_MAGIC 0x53504B48u
#define KDEBUG_VERSION 1

struct kdebug_proc {
  u32 pid, ppid, pgid, sid;
  u32 state;          /* P_* from include/proc.h: 2 running, 3 runnable, 4 sleeping, 5 stopped, 6 zombie */
  int nice;
  u32 cr3;            /* physical page directory, 0 for kernel threads */
  u32 rss_pages;
  u32 utime, stime;   /* ticks of 10 ms */
  u32 vruntime;
  u32 reserved;
  char name[16];
};

struct kdebug_table {
  u32 magic, version, count, entry_size;
  u32 generation;
  u32 pad[3];
  struct kdebug_proc procs[NPROC];
};

struct kdebug_table kdebug_procs;

void kdebug_refresh(void) {
  struct list_head *n;
  u32 i = 0;
  kdebug_procs.generation++;
  for (n = all_procs.next; n != &all_procs && i < NPROC; n = n->next) {
    struct proc *p = list_entry(n, struct proc, all_node);
    struct kdebug_proc *k = &kdebug_procs.procs[i++];
    k->pid = (u32)p->pid;
    k->ppid = p->parent ? (u32)p->parent->pid : 0;
    k->pgid = (u32)p->pgid;
    k->sid = (u32)p->sid;
    k->state = (u32)p->state;
    k->nice = p->nice;
    k->cr3 = p->mm ? p->mm->pgdir_phys : 0;
    k->rss_pages = p->mm ? p->mm->rss : 0;
    k->utime = p->utime;
    k->stime = p->stime;
    k->vruntime = p->vruntime;
    memcpy(k->name, p->name, 16);
  }
  kdebug_procs.magic = KDEBUG_MAGIC;
  kdebug_procs.version = KDEBUG_VERSION;
  kdebug_procs.entry_size = sizeof(struct kdebug_proc);
  kdebug_procs.count = i;
  kdebug_procs.generation++;
}

/* The kernel thread: refresh, sleep, repeat. */
static void kdebugd(void *arg) {
  (void)arg;
  for (;;) {
    u32 flags = irq_save();
    kdebug_refresh();
    irq_restore(flags);
    sleep_ticks(5);
  }
}

void kdebug_start(void) {
  kdebug_refresh();
  kthread_create("kdebugd", kdebugd, NULL);
}
