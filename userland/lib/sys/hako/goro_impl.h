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
 * handler does the growing, the runtime nothing. 10,000 Gs reserve 960 MB
 * of the 2 GB mmap area but keep only what they touched. There is no guard
 * page between neighbouring stacks (it would double the kernel's VMAs):
 * a G deeper than 96 KiB overwrites the G below it. */
#define GORO_STACK 98304
#define GORO_MAX_M 64        /* Ms at most: those running Ps plus those in system calls */

enum { G_RUNNABLE, G_RUNNING, G_WAITING, G_DEAD };

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
};

struct goro_p {
  int id;
  struct goro_g *runnext;   /* the G readied last: runs next (Go's runnext) */
  struct goro_g *runq[GORO_RUNQ];
  unsigned head, tail;      /* runq holds tail - head Gs */
  unsigned schedtick;       /* every 61st schedule looks at the global queue first */
  struct goro_p *link;      /* idle list */
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
};
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

#endif
