/* goro_impl.h: the G/M/P runtime's own structures (goro.c schedules,
 * goro_chan.c blocks and wakes). One scheduler lock, `sched.lock`, guards
 * every run queue, idle list, channel and WaitGroup: simple to reason
 * about, and enough for a machine with one CPU. Invariants: a G is in at
 * most one place at a time (a P's runnext or runq, the global runq, a wait
 * queue, or running on an M); a G switches back to its M's scheduler
 * (g0) only with sched.lock held, and g0 releases it just before switching
 * into the next G. */
#ifndef GORO_IMPL_H
#define GORO_IMPL_H

#include <goro.h>

#define GORO_RUNQ 256        /* slots of a P's local run queue (Go's 256) */
/* A G's stack: 96 KiB of address space, mmap'd and demand-paged, so it
 * starts with one resident 4 KiB page (the top, where gstart's frame is)
 * and grows a page at a time as the G goes deeper: the kernel's page-fault
 * handler does the growing, the runtime nothing. Below each stack is a
 * PROT_NONE guard page (GORO_GUARD): a G that runs off its stack faults
 * there instead of writing over the G below, and the runtime's SIGSEGV
 * handler (goro_stack.c) names the goroutine. 10,000 Gs reserve 1 GB of
 * the 2 GB mmap area but keep only what they touched. A single frame
 * bigger than the guard page can still jump over it (the compiler emits
 * no stack probes), as on Linux without -fstack-clash-protection. */
#define GORO_STACK 98304
#define GORO_GUARD 4096
#define GORO_MAX_M 64        /* Ms at most: those running Ps plus those in system calls */
/* sysmon retakes a P whose M has been in one system call this long
 * (Go's 20 us; the kernel's 100 Hz tick makes sysmon look only every
 * 10-20 ms, so in practice a blocked P is retaken 10-40 ms after the
 * call began: docs/abi.md) */
#define GORO_RETAKE_US 20

enum { G_RUNNABLE, G_RUNNING, G_WAITING, G_DEAD, G_SYSCALL };
/* A P's status: idle (on the idle list or being handed over), running
 * Gs on its M, or left with an M that is in a system call (Go's _Psyscall):
 * that M takes it back on return unless sysmon has retaken it. */
enum { P_IDLE, P_RUNNING, P_SYSCALL };

struct goro_buf {
  unsigned long ebx, esi, edi, ebp, esp, eip;
};

/* Field order of goro_g and goro_p is part of the goro_debug table's ABI
 * (docs/abi.md, "G/M/P runtime table"): append, never reorder. */
struct goro_g {
  int id;
  int status;
  struct goro_g *alllink;   /* every G ever made, newest first (goro_debug.allg) */
  struct goro_buf ctx;
  char *stack;
  void (*fn)(void *);
  void *arg;
  struct goro_g *link;      /* next in whichever list holds it */
  void *elem;               /* channel operation: where to copy to/from */
  int ok;                   /* channel receive: 0 when woken by close */
  int stack_pages;          /* resident pages of its stack at the last measure (goro_stack.c) */
};

struct goro_p {
  int id;
  struct goro_g *runnext;   /* the G readied last: runs next (Go's runnext) */
  struct goro_g *runq[GORO_RUNQ];
  unsigned head, tail;      /* runq holds tail - head Gs */
  unsigned schedtick;       /* every 61st schedule looks at the global queue first */
  struct goro_p *link;      /* idle list */
  int status;               /* P_IDLE, P_RUNNING, P_SYSCALL */
  struct goro_m *m;         /* the M holding it (P_RUNNING, P_SYSCALL) */
  unsigned syscalltick;     /* system calls entered on it */
  unsigned sysmontick;      /* syscalltick when sysmon last looked */
  unsigned long sysmonwhen; /* sysmon's clock then, in us */
};

struct goro_m {
  int id;
  int tid;
  struct goro_buf g0;       /* the M's scheduler context, on the thread's own stack */
  struct goro_g *curg;
  struct goro_p *p;
  struct goro_p *nextp;     /* handed over by the waker */
  int park;                 /* futex word: 1 = wake up */
  struct goro_m *link;      /* idle list */
  char *stack;
  int locks;                /* sched.lock held by this M: no preemption */
  unsigned schedcount;      /* Gs switched to: sysmon sees a G overstay */
  unsigned seen;            /* schedcount at sysmon's last look */
  struct goro_m *alllink;   /* every M (sched.allm) */
  int insyscall;            /* between goro_entersyscall and goro_exitsyscall */
  char *altstack;           /* its signal stack (SIGSEGV on a guard page) */
};

struct goro_sched {
  int lock;
  struct goro_g *runq_head, *runq_tail;  /* the global run queue */
  int runq_size;
  struct goro_p *idle_p;
  struct goro_m *idle_m;
  struct goro_g *free_g;    /* dead Gs kept with their stacks for reuse */
  struct goro_m *m0;
  int done;                 /* the main goroutine ended */
  int next_gid;
  struct goro_stats stats;
  struct goro_g *allg;
  struct goro_m *allm;
};

/* The table a debugger reads (docs/abi.md): at the symbol goro_debug. */
struct goro_debug_table {
  unsigned magic;             /* GORO_DEBUG_MAGIC once goro_main has set it up */
  int gomaxprocs;
  struct goro_p *procs;       /* the Ps, gomaxprocs of them, sizeof_p bytes apart */
  int sizeof_p;
  struct goro_g **allg;       /* &sched.allg */
  struct goro_stats *stats;
  int *global_runq;           /* &sched.runq_size */
  struct goro_m **idle_m;     /* &sched.idle_m */
  struct goro_m **allm;       /* &sched.allm */
  int stack_size;             /* GORO_STACK: usable bytes above each G's stack base */
  int guard_size;             /* GORO_GUARD: the PROT_NONE page below it */
};
/* Where a debugger finds the table without the program's symbols: the
 * runtime maps one page at GORO_LOCATOR_ADDR (just below the mmap area)
 * holding GORO_LOCATOR_MAGIC and &goro_debug (docs/abi.md). */
#define GORO_LOCATOR_ADDR 0x3ffff000UL
#define GORO_LOCATOR_MAGIC 0x4c504d47 /* "GMPL" */
#define GORO_DEBUG_MAGIC 0x31504d47 /* "GMP1" */
extern struct goro_debug_table goro_debug;

extern struct goro_sched __goro_sched;

void __goro_lock(void);
void __goro_unlock(void);
/* Make g runnable on the current P (lock held). */
void __goro_ready(struct goro_g *g);
/* Block the current G (lock held; returns with it released). */
void __goro_park(void);
struct goro_g *__goro_current(void);
void __goro_swap(struct goro_buf *save, struct goro_buf *load);
int __goro_xchg(int *p, int v);
/* goro_trace.c: sysmon printing GODEBUG=schedtrace=N lines */
void __goro_start_trace(void);
/* goro.c: the SIGURG handler's side of preemption */
void __goro_preempt_setup(void);
/* goro.c, for sysmon: take p from an M stuck in a system call (lock held) */
void __goro_retake(struct goro_p *p);
/* goro_stack.c: guard pages, the overflow handler, resident pages */
char *__goro_stacks_map(int count);
void __goro_stack_setup(void);
void __goro_stack_teardown(void);
void __goro_altstack(struct goro_m *m);
int __goro_stack_resident(struct goro_g *g);

#endif
