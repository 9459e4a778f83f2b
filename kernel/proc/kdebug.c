/*
 * kdebug.c — what a debugger (the page's panes, the lesson probes, the
 * tests) reads of the kernel: tables in kernel memory whose layout is
 * generated from kernel/kdebug.tbl (gen/kdebug_layout.h here,
 * web/gen/kdebug-layout.ts for the host).
 *
 * The host never asks the kernel anything: like a debugger with symbols it
 * finds `kdebug_root` in the kernel's symbol table and reads guest RAM
 * (physical = virtual - KERNBASE). The root holds the layout version and
 * the addresses of everything else: the process table (one row per
 * thread group) and the table of the groups' other threads, the memory
 * counters, every process's memory areas, the trace ring (trace.c), the
 * printk ring, the frame descriptors and the TCP connections (filled by
 * net/tcp.c's walk of its sockets, the one /proc/net/tcp makes). A kernel thread, kdebugd,
 * refreshes the tables every 50 ms (outside interrupt context).
 *
 * Invariants: each refreshed table has a `generation` that is odd while
 * kdebugd rewrites it and even otherwise, so equal even values before and
 * after a read mean the reader saw it whole. The kernel's own definitions
 * the table names (P_*, PG_*, HZ, sizeof(struct page), its member offsets)
 * are checked against the table: statically where our compiler can, at
 * boot (kdebug_layout_check) for member offsets.
 */
#include "cgroup.h"
#include "arch.h"
#include "file.h"
#include "filemap.h"
#include "inet.h"
#include "lib.h"
#include "mm.h"
#include "oom.h"
#include "printk.h"
#include "proc.h"
#include "signal.h"
#include "swap.h"
#include "trace.h"
#include "vm.h"
#include "gen/syscall_table.h"
#define KDEBUG_LAYOUT_CHECKS
#include "gen/kdebug_layout.h"


struct kdebug_root kdebug_root;
struct kdebug_proc_table kdebug_procs;
struct kdebug_mem kdebug_mem;
struct kdebug_vma_table kdebug_vmas;
struct kdebug_tcp_table kdebug_tcp;
struct kdebug_thread_table kdebug_threads;

static void mem_refresh(void) {
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
  kdebug_mem.magic = KDEBUG_MEM_MAGIC;
  kdebug_mem.generation++;
}

/* What an area is, from what the kernel made it for (not from where it is). */
static u32 vma_kind(struct vm_area *v) {
  if (v->file != NULL) return KD_VMA_FILE;
  if (v->flags & VM_EXE) return (v->prot & VM_WRITE) ? KD_VMA_DATA : KD_VMA_TEXT;
  if (v->flags & VM_HEAP) return KD_VMA_HEAP;
  if (v->flags & VM_GROWSDOWN) return KD_VMA_STACK;
  return KD_VMA_MMAP;
}

/* The name /proc/PID/maps gives the area; a long path keeps its end. */
static void vma_name(struct mm *mm, struct vm_area *v, char *out) {
  char path[128];
  const char *name = "";
  u32 len;
  if (v->file != NULL) {
    file_map_name(v->file, path, sizeof path);
    name = path;
  } else if (v->flags & VM_EXE) {
    name = mm->exe_path;
  } else if (v->flags & VM_HEAP) {
    name = "[heap]";
  } else if (v->flags & VM_GROWSDOWN) {
    name = "[stack]";
  }
  len = strlen(name);
  if (len > KDEBUG_VMA_NAME - 1) name += len - (KDEBUG_VMA_NAME - 1);
  memset(out, 0, KDEBUG_VMA_NAME);
  strlcpy(out, name, KDEBUG_VMA_NAME);
}

/* p's areas appended to the VMA table; k says where they are. */
static void vmas_publish(struct proc *p, struct kdebug_proc *k) {
  struct vm_area *v;
  k->vma_first = kdebug_vmas.count;
  k->vma_count = 0;
  if (p->mm == NULL) return;
  for (v = p->mm->vmas; v; v = v->next) {
    struct kdebug_vma *e;
    if (kdebug_vmas.count == KDEBUG_MAX_VMAS) { kdebug_vmas.truncated = 1; return; }
    e = &kdebug_vmas.vmas[kdebug_vmas.count++];
    e->pid = (u32)p->pid;
    e->start = v->start;
    e->end = v->end;
    e->prot = v->prot;
    e->flags = v->flags;
    e->kind = vma_kind(v);
    e->pgoff = v->pgoff;
    vma_name(p->mm, v, e->name);
    k->vma_count++;
  }
}

static void proc_publish(struct proc *p, struct kdebug_proc *k) {
  int sig;
  k->pid = (u32)p->pid;
  k->ppid = p->parent ? (u32)p->parent->pid : 0;
  k->pgid = (u32)p->pgid;
  k->sid = (u32)p->sid;
  k->ns_pid = ns_of(p, NS_PID)->inum;
  k->ns_vpid = (u32)pid_nr_ns(p, task_active_pid_ns(p));
  k->ns_mnt = ns_of(p, NS_MNT)->inum;
  k->ns_uts = ns_of(p, NS_UTS)->inum;
  k->ns_ipc = ns_of(p, NS_IPC)->inum;
  k->ns_net = ns_of(p, NS_NET)->inum;
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
  k->uid = p->uid;
  k->nr_threads = (u32)p->nr_threads;
  vmas_publish(p, k);
  k->cgroup_id = task_cgroup(p)->id;
  memset(k->cgroup_path, 0, KDEBUG_CGROUP_PATH);
  cgroup_path(task_cgroup(p), k->cgroup_path, KDEBUG_CGROUP_PATH);
}

/* A thread that is not its group's leader: its own row (the leader's is the group's kdebug_proc). */
static void thread_publish(struct proc *t) {
  struct kdebug_thread *k;
  if (kdebug_threads.count == KDEBUG_MAX_THREADS) { kdebug_threads.truncated = 1; return; }
  k = &kdebug_threads.threads[kdebug_threads.count++];
  k->tid = (u32)t->pid;
  k->tgid = (u32)t->tgid;
  k->state = (u32)t->state;
  k->cpu_ticks = t->utime + t->stime;
  memcpy(k->name, t->name, 16);
}

static void kdebug_refresh(void) {
  struct list_head *n;
  u32 i = 0;
  kdebug_procs.generation++;
  kdebug_vmas.generation++;
  kdebug_vmas.count = 0;
  kdebug_vmas.truncated = 0;
  kdebug_threads.generation++;
  kdebug_threads.count = 0;
  kdebug_threads.truncated = 0;
  for (n = all_procs.next; n != &all_procs; n = n->next) {
    struct proc *p = list_entry(n, struct proc, all_node);
    /* one row per process; its other threads get rows of their own */
    if (p->group_leader != p) thread_publish(p);
    else if (i < NPROC) proc_publish(p, &kdebug_procs.procs[i++]);
  }
  kdebug_threads.magic = KDEBUG_THREAD_TABLE_MAGIC;
  kdebug_threads.generation++;
  kdebug_procs.count = i;
  kdebug_procs.magic = KDEBUG_PROC_TABLE_MAGIC;
  kdebug_vmas.magic = KDEBUG_VMA_TABLE_MAGIC;
  kdebug_vmas.generation++;
  kdebug_procs.generation++;
  mem_refresh();
  kdebug_tcp.generation++;
  tcp_kdebug_publish(&kdebug_tcp);
  kdebug_tcp.magic = KDEBUG_TCP_TABLE_MAGIC;
  kdebug_tcp.generation++;
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
  const char *log_buf;
  const u32 *log_head;
  int bad = kdebug_layout_check();
  if (bad) panic("kdebug: kernel struct member %d (in kdebug_layout.h's order) is not where kernel/kdebug.tbl says", bad);
  log_ring_location(&log_buf, &log_head);
  kdebug_root.version = KDEBUG_LAYOUT_VERSION;
  kdebug_root.size = sizeof kdebug_root;
  kdebug_root.procs = (u32)&kdebug_procs;
  kdebug_root.mem = (u32)&kdebug_mem;
  kdebug_root.vmas = (u32)&kdebug_vmas;
  kdebug_root.threads = (u32)&kdebug_threads;
  kdebug_root.trace = (u32)trace_ring();
  kdebug_root.log_buf = (u32)log_buf;
  kdebug_root.log_head = (u32)log_head;
  kdebug_root.page_array = (u32)page_array;
  kdebug_root.total_frames = total_frames;
  kdebug_root.oom_event = (u32)&oom_last_event;
  kdebug_root.syscall_names = (u32)syscall_names;
  kdebug_root.nr_syscalls = NR_SYSCALLS;
  kdebug_root.tcp = (u32)&kdebug_tcp;
  kdebug_root.magic = KDEBUG_ROOT_MAGIC;   /* last: a reader sees a whole root or none */
  kdebug_refresh();
  kthread_create("kdebugd", kdebugd, NULL);
}
