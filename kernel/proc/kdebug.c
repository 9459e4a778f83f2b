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
 * magic 'HKPS' (0x53504B48), version 3, entry count, entry size,
 * generation, three reserved — then `count` entries of struct
 * kdebug_proc (80 bytes from version 3: the signal masks). `generation` is odd while an update is in flight and even
 * otherwise: equal even values before and after a read mean it is whole.
 *
 * Beside it, `kdebug_mem` (same rules, magic 'HKMM'): the memory and
 * activity counters the page charts — frames total and free, page-cache
 * pages, swap total and free, page faults, swap-ins and -outs, OOM kills,
 * context switches and the size of struct page (for walking page_array), all read through the memory-management interfaces
 * (mm.h, swap.h, filemap.h) so they move when those subsystems do.
 */
#include "arch.h"
#include "filemap.h"
#include "mm.h"
#include "proc.h"
#include "signal.h"
#include "lib.h"
#include "swap.h"
#include "vm.h"

#define KDEBUG_MAGIC 0x53504B48u
#define KDEBUG_VERSION 3          /* 2: swap_pages at +44; 3: signal masks at +64 */
#define KDEBUG_MEM_MAGIC 0x4D4D4B48u   /* 'HKMM' */
#define KDEBUG_MEM_VERSION 1

extern u32 vm_stat_pgfault;       /* mm/fault.c */
extern u32 nr_context_switches;   /* proc/sched.c */

struct kdebug_proc {
  u32 pid, ppid, pgid, sid;
  u32 state;          /* P_* from include/proc.h: 2 running, 3 runnable, 4 sleeping, 5 stopped, 6 zombie */
  int nice;
  u32 cr3;            /* physical page directory, 0 for kernel threads */
  u32 rss_pages;
  u32 utime, stime;   /* ticks of 10 ms */
  u32 vruntime;
  u32 swap_pages;     /* swap entries in its page tables (mm->swap_pages) */
  char name[16];
  u32 sig_pending, sig_blocked;   /* version 3: bit sig-1 per signal */
  u32 sig_caught, sig_ignored;    /* signals with a user handler / set to SIG_IGN */
};

struct kdebug_table {
  u32 magic, version, count, entry_size;
  u32 generation;
  u32 pad[3];
  struct kdebug_proc procs[NPROC];
};

struct kdebug_table kdebug_procs;

/* All u32; docs/kernel.md "Debugger process table" has the offsets. */
struct kdebug_mem_table {
  u32 magic, version, size, generation;
  u32 total_frames, free_frames, pagecache_pages;
  u32 swap_total_pages, swap_free_pages;
  u32 pgfault, pgmajfault, pswpin, pswpout, oom_kill;
  u32 context_switches;
  u32 page_struct_size;   /* sizeof(struct page): how a debugger steps through page_array */
};

struct kdebug_mem_table kdebug_mem;

static void kdebug_mem_refresh(void) {
  kdebug_mem.generation++;
  kdebug_mem.total_frames = total_frames;
  kdebug_mem.free_frames = free_frames();
  kdebug_mem.pagecache_pages = pagecache_nr_pages;
  kdebug_mem.swap_total_pages = swap_total_pages();
  kdebug_mem.swap_free_pages = swap_free_pages();
  kdebug_mem.pgfault = vm_stat_pgfault;
  kdebug_mem.pgmajfault = vm_stat_pgmajfault;
  kdebug_mem.pswpin = vm_stat_pswpin;
  kdebug_mem.pswpout = vm_stat_pswpout;
  kdebug_mem.oom_kill = vm_stat_oom_kill;
  kdebug_mem.context_switches = nr_context_switches;
  kdebug_mem.page_struct_size = sizeof(struct page);
  kdebug_mem.magic = KDEBUG_MEM_MAGIC;
  kdebug_mem.version = KDEBUG_MEM_VERSION;
  kdebug_mem.size = sizeof kdebug_mem;
  kdebug_mem.generation++;
}

void kdebug_refresh(void) {
  struct list_head *n;
  u32 i = 0;
  int sig;
  kdebug_procs.generation++;
  for (n = all_procs.next; n != &all_procs && i < NPROC; n = n->next) {
    struct proc *p = list_entry(n, struct proc, all_node);
    struct kdebug_proc *k;
    if (p->group_leader != p) continue;   /* one row per process; its threads are in /proc/PID/task */
    k = &kdebug_procs.procs[i++];
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
    k->swap_pages = p->mm ? p->mm->swap_pages : 0;
    memcpy(k->name, p->name, 16);
    k->sig_pending = p->sig_pending;
    k->sig_blocked = p->sig_blocked;
    k->sig_caught = 0;
    k->sig_ignored = 0;
    for (sig = 1; p->sighand && sig < NSIG; sig++) {
      if (p->sighand->handler[sig] == SIG_IGN) k->sig_ignored |= 1u << (sig - 1);
      else if (p->sighand->handler[sig] != SIG_DFL) k->sig_caught |= 1u << (sig - 1);
    }
  }
  kdebug_procs.magic = KDEBUG_MAGIC;
  kdebug_procs.version = KDEBUG_VERSION;
  kdebug_procs.entry_size = sizeof(struct kdebug_proc);
  kdebug_procs.count = i;
  kdebug_procs.generation++;
  kdebug_mem_refresh();
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
