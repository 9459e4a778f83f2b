/* goro.c: the G/M/P scheduler (see <goro.h> for the interface and
 * goro_impl.h for the structures and the locking rule).
 *
 * As in Go's runtime/proc.go, in miniature:
 * - G: a goroutine, a C function with its own stack (GORO_STACK of
 *   address space above a guard page, demand-paged: one 4 KiB page
 *   resident at first, more as the G goes deeper; goro_stack.c) and a
 *   saved context. Dead Gs keep their stacks on a free list for the next
 *   go().
 * - P: one of GOMAXPROCS processors. It owns a 256-slot local run queue
 *   and a runnext slot: the G readied last runs next, so a sender and a
 *   receiver ping-ponging stay on one P. A full local queue spills half to
 *   the global queue. Every 61st schedule a P looks at the global queue
 *   first, so Gs there cannot starve; an idle P steals half of another P's
 *   queue before giving up.
 * - M: a kernel thread from clone (CLONE_VM|FS|FILES|SIGHAND|THREAD|
 *   SYSVSEM|SETTLS), its thread pointer (rdtp) pointing at its goro_m. An M
 *   runs the scheduler loop `schedule` on its own stack (g0); with no work
 *   it puts its P on the idle list and sleeps on a futex. Readying a G
 *   wakes an idle M for an idle P (wakep), starting a new M while fewer
 *   than GOMAXPROCS exist.
 * - System calls (Go's entersyscall/exitsyscall): goro_read/goro_write
 *   (or any call between goro_entersyscall and goro_exitsyscall) keep the
 *   P, marked P_SYSCALL. A short call comes back and takes it again: no
 *   handoff. sysmon (goro_trace.c) retakes a P it finds in the same system
 *   call on two looks (__goro_retake) and hands it to another M, so one G
 *   blocked in the kernel does not stop the others; back from such a call
 *   the G needs a P again, or waits in the global queue while its M goes
 *   idle.
 * - sysmon also preempts a G that has run 10 ms (below).
 * Not here: copying stacks (a G's stack grows by demand paging up to its
 * fixed reserve, with a guard page below: goro_stack.c). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sched.h>
#include <signal.h>
#include <futex.h>
#include <sys/mman.h>
#include <hako/sched.h>
#include "goro_impl.h"

struct goro_sched __goro_sched;
struct goro_debug_table goro_debug;
struct goro_p *__goro_allp;
int __goro_nprocs;
#define allp __goro_allp
#define nprocs __goro_nprocs
static struct goro_m m0;
static struct goro_g *main_g;

#define S __goro_sched

static struct goro_m *getm(void) {
  return (struct goro_m *)__get_tp();
}

/* m now runs p (lock held). */
static void acquirep(struct goro_m *m, struct goro_p *p) {
  m->p = p;
  if (p) {
    p->status = P_RUNNING;
    p->m = m;
  }
}

/* p goes on the idle list (lock held). */
static void pidleput(struct goro_p *p) {
  p->status = P_IDLE;
  p->m = 0;
  p->link = S.idle_p;
  S.idle_p = p;
}

static void *map_zeroed(unsigned long size) {
  void *p = mmap(0, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED)
    abort();
  return p;
}

/* sched.lock as Go's lock_futex.go has it: LOCK_FREE, LOCK_HELD, or
 * LOCK_SLEEPERS (held, and a thread may be asleep on the futex: the
 * unlock must wake one). A taker that finds it held sleeps on the futex
 * until the holder lets go, and the holder's wake puts it on the CPU at
 * once (wake-up preemption). Go spins first, actively only with more than
 * one CPU (Hako has one), then passively with one osyield; that yield is
 * left out here because Hako's sched_yield is Linux's old compat yield,
 * which puts the caller behind every runnable thread: the lock used to be
 * taken by yielding in a loop, and a waiter (sysmon above all) lost the
 * CPU for whole 10 ms slices to busy Ms that kept retaking the lock. */
enum { LOCK_FREE = 0, LOCK_HELD = 1, LOCK_SLEEPERS = 2 };

void __goro_lock(void) {
  struct goro_m *m = getm();
  if (m)
    m->locks++; /* first, so a SIGURG while waiting does not switch */
  if (__goro_xchg(&S.lock, LOCK_HELD) == LOCK_FREE)
    return;
  /* From here on take it as LOCK_SLEEPERS, as Go's waiter does: that
   * value can never hide a sleeper (the exchange above may have
   * overwritten a LOCK_SLEEPERS; this one puts it back, or we own the lock
   * and our unlock wakes the sleeper), at worst a needless wake. */
  while (__goro_xchg(&S.lock, LOCK_SLEEPERS) != LOCK_FREE)
    futex(&S.lock, FUTEX_WAIT, LOCK_SLEEPERS, 0, 0, 0);
}

void __goro_unlock(void) {
  struct goro_m *m = getm();
  if (__goro_xchg(&S.lock, LOCK_FREE) == LOCK_SLEEPERS)
    futex(&S.lock, FUTEX_WAKE, 1, 0, 0, 0);
  if (m)
    m->locks--;
}

struct goro_g *__goro_current(void) {
  return getm()->curg;
}

int goro_id(void) {
  struct goro_g *g = __goro_current();
  return g ? g->id : 0;
}

/* ---- run queues (lock held) ---- */

static void global_put(struct goro_g *g) {
  g->link = 0;
  if (S.runq_tail)
    S.runq_tail->link = g;
  else
    S.runq_head = g;
  S.runq_tail = g;
  S.runq_size++;
}

static struct goro_g *global_pop(void) {
  struct goro_g *g = S.runq_head;
  if (!g)
    return 0;
  S.runq_head = g->link;
  if (!S.runq_head)
    S.runq_tail = 0;
  S.runq_size--;
  S.stats.global_takes++;
  return g;
}

static void local_put(struct goro_p *p, struct goro_g *g, int next) {
  unsigned i;
  if (next) {
    struct goro_g *old = p->runnext;
    p->runnext = g;
    if (!old)
      return;
    g = old; /* the one it displaced goes to the queue's tail */
  }
  if (p->tail - p->head < GORO_RUNQ) {
    p->runq[p->tail % GORO_RUNQ] = g;
    p->tail++;
    return;
  }
  /* full: half of it, and g, go to the global queue (Go's runqputslow) */
  for (i = 0; i < GORO_RUNQ / 2; i++) {
    global_put(p->runq[p->head % GORO_RUNQ]);
    p->head++;
  }
  global_put(g);
}

static struct goro_g *local_get(struct goro_p *p) {
  struct goro_g *g = p->runnext;
  if (g) {
    p->runnext = 0;
    return g;
  }
  if (p->head == p->tail)
    return 0;
  g = p->runq[p->head % GORO_RUNQ];
  p->head++;
  return g;
}

/* One G to run, plus a fair share of the global queue moved to p's. */
static struct goro_g *global_get(struct goro_p *p, int max) {
  struct goro_g *g;
  int n = S.runq_size / nprocs + 1;
  if (n > max)
    n = max;
  g = global_pop();
  while (g && --n > 0 && S.runq_head)
    local_put(p, global_pop(), 0);
  return g;
}

/* Take half of another P's local queue (rounded up). */
static struct goro_g *steal(struct goro_p *p) {
  int i;
  for (i = 1; i < nprocs; i++) {
    struct goro_p *victim = &allp[(p->id + i) % nprocs];
    unsigned n = victim->tail - victim->head;
    n -= n / 2;
    if (n == 0)
      continue;
    while (n-- > 0) {
      local_put(p, victim->runq[victim->head % GORO_RUNQ], 0);
      victim->head++;
    }
    S.stats.steals++;
    return local_get(p);
  }
  return 0;
}

static struct goro_g *find_runnable(struct goro_p *p) {
  struct goro_g *g;
  p->schedtick++;
  if (p->schedtick % 61 == 0 && S.runq_size) {
    g = global_get(p, 1);
    if (g)
      return g;
  }
  g = local_get(p);
  if (g)
    return g;
  g = global_get(p, GORO_RUNQ / 2);
  if (g)
    return g;
  return steal(p);
}

/* ---- Ms ---- */

static int mstart(void *arg);
static void schedule(struct goro_m *m);

static void wake_m(struct goro_m *m) {
  m->park = 1;
  futex(&m->park, FUTEX_WAKE, 1, 0, 0, 0);
}

static void new_m(struct goro_p *p) {
  enum { M_STACK = 65536 };
  struct goro_m *m = map_zeroed(sizeof *m);
  struct user_desc tls;
  m->stack = map_zeroed(M_STACK);
  m->id = S.stats.threads++;
  m->alllink = S.allm;
  S.allm = m;
  m->nextp = p;
  memset(&tls, 0, sizeof tls);
  tls.entry_number = -1;
  tls.base_addr = (unsigned int)m;
  if (clone(mstart, m->stack + M_STACK,
            CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM | CLONE_SETTLS,
            m, 0, &tls, 0) < 0)
    abort();
}

/* Work was just made runnable: put an idle P to use if there is one. */
/* Run p on an idle M, or on a new one (lock held; p is off the idle
 * list). 0 when there is no M to be had. */
static int startm(struct goro_p *p) {
  if (S.idle_m) {
    struct goro_m *m = S.idle_m;
    S.idle_m = m->link;
    m->nextp = p;
    wake_m(m);
    return 1;
  }
  if (S.stats.threads < GORO_MAX_M) {
    /* more Ms than Ps is normal: the others are in system calls */
    new_m(p);
    return 1;
  }
  return 0;
}

static void wakep(void) {
  struct goro_p *p = S.idle_p;
  if (!p)
    return;
  S.idle_p = p->link;
  if (!startm(p))
    pidleput(p);
}

/* sysmon found p's M in one system call on two looks (lock held): take p
 * away and hand it to another M if there is work for it (Go's retake and
 * handoffp); the M gets a P again in goro_exitsyscall. */
void __goro_retake(struct goro_p *p) {
  p->status = P_IDLE;
  p->m = 0;
  p->syscalltick++;
  S.stats.handoffs++;
  if (p->runnext || p->head != p->tail || S.runq_size) {
    if (startm(p))
      return;
  }
  pidleput(p);
}

static int mstart(void *arg) {
  struct goro_m *m = arg;
  m->tid = gettid();
  __goro_altstack(m);
  __goro_lock();
  acquirep(m, m->nextp);
  m->nextp = 0;
  schedule(m);
  return 0;
}

/* The scheduler loop of one M, entered and re-entered with the lock held. */
static void schedule(struct goro_m *m) {
  for (;;) {
    struct goro_g *g;
    if (S.done && m == &m0) {
      __goro_unlock();
      return;
    }
    g = m->p ? find_runnable(m->p) : 0;
    if (!g) {
      if (m->p) {
        pidleput(m->p);
        m->p = 0;
      }
      m->park = 0;
      m->link = S.idle_m;
      S.idle_m = m;
      __goro_unlock();
      while (m->park == 0)
        futex(&m->park, FUTEX_WAIT, 0, 0, 0, 0);
      __goro_lock();
      acquirep(m, m->nextp);
      m->nextp = 0;
      continue;
    }
    g->status = G_RUNNING;
    m->curg = g;
    m->schedcount++;
    S.stats.switches++;
    __goro_unlock();
    __goro_swap(&m->g0, &g->ctx);
    /* g switched back, holding the lock, having set its status */
    m->curg = 0;
    if (g->status == G_RUNNABLE) {
      global_put(g); /* goro_yield: to the back of the global queue, as Gosched */
    } else if (g->status == G_DEAD) {
      g->link = S.free_g;
      S.free_g = g;
      S.stats.goroutines_live--;
    }
  }
}

/* ---- Gs ---- */

/* Switch from the current G to its M's scheduler (lock held). */
static void to_scheduler(struct goro_g *g, int status) {
  g->status = status;
  __goro_swap(&g->ctx, &getm()->g0);
}

void __goro_park(void) {
  to_scheduler(__goro_current(), G_WAITING);
}

void __goro_ready(struct goro_g *g) {
  struct goro_m *m = getm();
  g->status = G_RUNNABLE;
  if (m->p)
    local_put(m->p, g, 1);
  else
    global_put(g);
  wakep();
}

static void goexit(void) {
  struct goro_g *g = __goro_current();
  __goro_lock();
  if (g == main_g) {
    struct goro_m **pm;
    S.done = 1;
    for (pm = &S.idle_m; *pm; pm = &(*pm)->link) {
      if (*pm == &m0) {
        *pm = m0.link;
        wake_m(&m0);
        break;
      }
    }
  }
  to_scheduler(g, G_DEAD);
}

/* Where a new G begins: its M's curg is itself. */
static void gstart(void) {
  struct goro_g *g = __goro_current();
  g->fn(g->arg);
  goexit();
}

/* Gs and their stacks come in batches of G_BATCH per mmap: one mapping
 * per batch, not per goroutine (each stack's guard page makes two kernel
 * VMAs of it). A stack's pages are resident only once touched: a G that
 * stays shallow costs one page. */
enum { G_BATCH = 32 };

static struct goro_g *new_g(void (*fn)(void *), void *arg) {
  struct goro_g *g = S.free_g;
  unsigned long *sp;
  if (g) {
    S.free_g = g->link;
  } else {
    struct goro_g *batch = map_zeroed(sizeof *batch * G_BATCH);
    char *stacks = __goro_stacks_map(G_BATCH);
    int i;
    for (i = G_BATCH - 1; i >= 0; i--) {
      batch[i].stack = stacks + (long)i * (GORO_GUARD + GORO_STACK);
      if (i > 0) {
        batch[i].link = S.free_g;
        S.free_g = &batch[i];
      }
    }
    for (i = 0; i < G_BATCH; i++) {
      batch[i].status = G_DEAD;
      batch[i].alllink = S.allg;
      S.allg = &batch[i];
    }
    g = &batch[0];
  }
  g->id = ++S.next_gid;
  g->fn = fn;
  g->arg = arg;
  sp = (unsigned long *)(((unsigned long)g->stack + GORO_STACK) & ~15UL) - 1;
  *sp = 0; /* gstart's return address: it never returns */
  memset(&g->ctx, 0, sizeof g->ctx);
  g->ctx.esp = (unsigned long)sp;
  g->ctx.eip = (unsigned long)gstart;
  S.stats.goroutines_made++;
  S.stats.goroutines_live++;
  return g;
}

void go(void (*fn)(void *), void *arg) {
  __goro_lock();
  __goro_ready(new_g(fn, arg));
  __goro_unlock();
}

/* Preemption (Go's asynchronous preemption, simplified). sysmon
 * (goro_trace.c) sends SIGURG to an M whose G has run 10 ms; this handler
 * runs on that G's stack, and when it is safe — the M holds no runtime
 * lock and the signal really interrupted the G (the handler's frame is on
 * the G's stack, not on the M's scheduler stack) — it switches straight to
 * the scheduler, the G going to the global queue as goro_yield would. The
 * interrupted state stays in the kernel's signal frame on the G's stack;
 * when the G is scheduled again the handler returns and sigreturn resumes
 * it exactly where it was. SA_NODEFER: the M runs other Gs meanwhile, and
 * they must stay preemptible. Otherwise the signal is ignored: the G will
 * be seen again 10 ms later. */
static void preempt_handler(int sig) {
  struct goro_m *m = getm();
  struct goro_g *g;
  char here;
  (void)sig;
  if (!m || m->locks || !m->curg || m->insyscall)
    return;
  g = m->curg;
  if (&here < g->stack || &here >= g->stack + GORO_STACK)
    return;
  __goro_lock();
  S.stats.preemptions++;
  to_scheduler(g, G_RUNNABLE);
}

void __goro_preempt_setup(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = preempt_handler;
  sa.sa_flags = SA_NODEFER | SA_RESTART;
  sigaction(SIGURG, &sa, 0);
}

/* A system call is coming (Go's entersyscall): the G keeps its P, which
 * is marked P_SYSCALL so sysmon can retake it if the call blocks. */
void goro_entersyscall(void) {
  struct goro_m *m = getm();
  struct goro_p *p;
  __goro_lock();
  p = m->p;
  m->insyscall = 1;
  m->curg->status = G_SYSCALL;
  p->status = P_SYSCALL;
  p->syscalltick++;
  S.stats.syscalls++;
  __goro_unlock();
}

/* Back from the call: the P is still ours unless sysmon retook it (the
 * fast path: no handoff). Else take an idle P if there is one and go on;
 * else queue this G globally and let the M go idle. */
void goro_exitsyscall(void) {
  struct goro_m *m = getm();
  struct goro_p *p = m->p;
  __goro_lock();
  m->insyscall = 0;
  m->curg->status = G_RUNNING;
  if (p->status == P_SYSCALL && p->m == m) {
    p->status = P_RUNNING;
    p->syscalltick++;
    __goro_unlock();
    return;
  }
  m->p = 0;
  if (S.idle_p) {
    p = S.idle_p;
    S.idle_p = p->link;
    acquirep(m, p);
    __goro_unlock();
    return;
  }
  to_scheduler(m->curg, G_RUNNABLE);
}

long goro_read(int fd, void *buf, unsigned long n) {
  long r;
  goro_entersyscall();
  r = read(fd, buf, n);
  goro_exitsyscall();
  return r;
}

long goro_write(int fd, const void *buf, unsigned long n) {
  long r;
  goro_entersyscall();
  r = write(fd, buf, n);
  goro_exitsyscall();
  return r;
}

void goro_yield(void) {
  __goro_lock();
  to_scheduler(__goro_current(), G_RUNNABLE);
}

void goro_stats(struct goro_stats *out) {
  __goro_lock();
  *out = S.stats;
  __goro_unlock();
}

/* The page a debugger finds without symbols (goro_impl.h): asked for at
 * GORO_LOCATOR_ADDR; if something else is there, no locator. */
static void publish_locator(void) {
  static unsigned *locator;
  if (!locator) {
    void *p = mmap((void *)GORO_LOCATOR_ADDR, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
      return;
    if ((unsigned long)p != GORO_LOCATOR_ADDR) {
      munmap(p, 4096);
      return;
    }
    locator = p;
  }
  locator[1] = (unsigned)&goro_debug;
  locator[0] = GORO_LOCATOR_MAGIC;
}

int goro_main(void (*fn)(void *), void *arg, int maxprocs) {
  struct user_desc tls;
  void *old_tp = __get_tp();
  char *env = getenv("GOMAXPROCS");
  int i;

  if (maxprocs <= 0)
    maxprocs = env ? atoi(env) : 2;
  if (maxprocs < 1)
    maxprocs = 1;
  if (maxprocs > 64)
    maxprocs = 64;
  nprocs = maxprocs;
  memset(&S, 0, sizeof S);
  S.stats.gomaxprocs = nprocs;
  S.stats.threads = 1;
  allp = map_zeroed(sizeof *allp * nprocs);
  for (i = nprocs - 1; i >= 0; i--) {
    allp[i].id = i;
    if (i > 0)
      pidleput(&allp[i]);
  }
  goro_debug.gomaxprocs = nprocs;
  goro_debug.procs = allp;
  goro_debug.sizeof_p = sizeof *allp;
  goro_debug.allg = &S.allg;
  goro_debug.stats = &S.stats;
  goro_debug.global_runq = &S.runq_size;
  goro_debug.idle_m = &S.idle_m;
  goro_debug.allm = &S.allm;
  goro_debug.stack_size = GORO_STACK;
  goro_debug.guard_size = GORO_GUARD;
  goro_debug.magic = GORO_DEBUG_MAGIC;
  publish_locator();
  {
    char *altstack = m0.altstack; /* kept from an earlier goro_main */
    memset(&m0, 0, sizeof m0);
    m0.altstack = altstack;
  }
  m0.tid = gettid();
  S.allm = &m0;
  acquirep(&m0, &allp[0]);
  S.m0 = &m0;
  memset(&tls, 0, sizeof tls);
  tls.entry_number = -1;
  tls.base_addr = (unsigned int)&m0;
  if (set_thread_area(&tls) < 0)
    return -1;
  __goro_preempt_setup();
  __goro_stack_setup();
  __goro_altstack(&m0);
  __goro_start_trace();
  __goro_lock();
  main_g = new_g(fn, arg);
  local_put(m0.p, main_g, 1);
  main_g->status = G_RUNNABLE;
  schedule(&m0);
  __goro_stack_teardown();
  tls.base_addr = (unsigned int)old_tp;
  set_thread_area(&tls);
  return 0;
}
