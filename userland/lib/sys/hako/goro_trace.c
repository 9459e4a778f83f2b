/* goro_trace.c: sysmon, the runtime's monitor thread. It sleeps as Go's
 * does: 20 us between looks while it has work, doubling after 50 looks
 * in a row that found nothing to do (1 ms), up to 10 ms, and back to
 * 20 us as soon as a look retakes a P. The kernel's nanosleep ends on the
 * timer's one-shot compare (kernel/proc/hrtimer.c), so 20 us is 20 us,
 * not a 10 ms tick. On every look it retakes the P of an M it finds in
 * the same system call as on its previous look, at least GORO_RETAKE_US
 * apart by CLOCK_MONOTONIC (Go's retake: goro.c hands the P on). Every
 * 10 ms it looks for an M that has run the same G all that time and
 * sends it SIGURG (goro.c preempts the G). With GODEBUG=schedtrace=N,
 * every N ms it also prints, as Go does,
 *   SCHED 1000ms: gomaxprocs=2 idleprocs=0 threads=4 spinningthreads=0
 *   idlethreads=1 runqueue=3 [12 7] handoffs=1
 * to stderr: Ps, idle Ps, Ms started, Ms spinning (always 0 here: an M
 * with nothing to do parks at once), idle Ms, the global run queue's
 * length, each P's local queue (runnext included), and (Hako's addition)
 * the Ps retaken from system calls so far. sysmon is a bare clone thread,
 * not an M: it holds no P and runs no goroutine. It ends when the
 * goro_main that started it has returned. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sched.h>
#include <signal.h>
#include <time.h>
#include <sys/mman.h>
#include <hako/sched.h>
#include "goro_impl.h"

extern struct goro_p *__goro_allp;
extern int __goro_nprocs;
static int trace_ms;
static int run_generation;

enum { PREEMPT_MS = 10 };
/* Go's sysmon delays (runtime/proc.go): usleep(20) at its busiest, which
 * on Linux lasts at least 20 us + the 50 us default timer slack; doubled
 * after IDLE_LOOKS empty looks, never over 10 ms. Hako's nanosleep has no
 * slack, and the uptime the guest reads is up to 41 us stale (it moves at
 * the emulator's batch ends): a 20 us sleep often ended before the M it
 * watched ran one instruction, so sysmon saw a 4 us getpid "in the same
 * call" 20 us apart and retook it (goro_short_syscalls). */
enum { SYSMON_MIN_US = 50, SYSMON_MAX_US = 10000, IDLE_LOOKS = 50 };

/* Format the schedtrace line (lock held); returns its length. */
static int trace_line(char *line, int size, int elapsed) {
  int n, i, idleprocs = 0, idlethreads = 0;
  struct goro_p *p;
  struct goro_m *m;
  for (p = __goro_sched.idle_p; p; p = p->link)
    idleprocs++;
  for (m = __goro_sched.idle_m; m; m = m->link)
    idlethreads++;
  n = snprintf(line, size,
               "SCHED %dms: gomaxprocs=%d idleprocs=%d threads=%d spinningthreads=0 idlethreads=%d runqueue=%d [",
               elapsed, __goro_nprocs, idleprocs, __goro_sched.stats.threads, idlethreads, __goro_sched.runq_size);
  for (i = 0; i < __goro_nprocs && n < size - 16; i++) {
    p = &__goro_allp[i];
    n += snprintf(line + n, size - n, "%s%d", i ? " " : "", (int)(p->tail - p->head) + (p->runnext ? 1 : 0));
  }
  n += snprintf(line + n, size - n, "] handoffs=%d\n", __goro_sched.stats.handoffs);
  return n;
}

/* An M whose schedcount has not moved for PREEMPT_MS has run one G all
 * that time: SIGURG to it (goro.c's handler switches the G out). */
static void preempt_long_runners(void) {
  struct goro_m *m;
  for (m = __goro_sched.allm; m; m = m->alllink) {
    if (m->curg && !m->insyscall && m->schedcount == m->seen && m->tid > 0)
      tgkill(getpid(), m->tid, SIGURG);
    m->seen = m->schedcount;
  }
}

static unsigned long monotonic_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (unsigned long)ts.tv_sec * 1000000UL + (unsigned long)ts.tv_nsec / 1000UL;
}

/* Go's retake: a P in P_SYSCALL whose syscalltick sysmon saw on its last
 * look too has been in one call for at least a look's interval. With
 * other Ps idle and nothing queued on it, it may wait up to 10 ms (there
 * is no work it is holding up). Lock held. Returns the Ps retaken. */
static int retake_syscalls(unsigned long now) {
  int i, n = 0;
  for (i = 0; i < __goro_nprocs; i++) {
    struct goro_p *p = &__goro_allp[i];
    if (p->status != P_SYSCALL)
      continue;
    if (p->sysmontick != p->syscalltick) {
      p->sysmontick = p->syscalltick;
      p->sysmonwhen = now;
      continue;
    }
    if (now - p->sysmonwhen < GORO_RETAKE_US)
      continue;
    if (!p->runnext && p->head == p->tail && __goro_sched.idle_p && now - p->sysmonwhen < 10000)
      continue;
    __goro_retake(p);
    n++;
  }
  return n;
}

static int sysmon(void *arg) {
  int generation = (int)arg;
  unsigned long start = monotonic_us();
  unsigned long next_trace = start + (unsigned long)trace_ms * 1000UL;
  unsigned long next_preempt = start + PREEMPT_MS * 1000UL;
  int delay = SYSMON_MIN_US, idle = 0;
  for (;;) {
    struct timespec ts;
    char line[512];
    int n = 0;
    unsigned long now;
    ts.tv_sec = 0;
    ts.tv_nsec = (long)delay * 1000L;
    nanosleep(&ts, 0);
    /* Blocks on the futex while an M holds the lock; the M's unlock wakes
     * it, and the wake-up puts it on the CPU at once. (Polling the lock,
     * with sched_yield or short sleeps, left sysmon behind the busy Ms for
     * milliseconds or woke it every 20 us for nothing.) */
    __goro_lock();
    now = monotonic_us();
    if (generation != run_generation || __goro_sched.done) {
      __goro_unlock();
      return 0;
    }
    if (retake_syscalls(now)) {
      idle = 0;
      delay = SYSMON_MIN_US;
    } else if (++idle > IDLE_LOOKS && delay < SYSMON_MAX_US) {
      delay = delay * 2 > SYSMON_MAX_US ? SYSMON_MAX_US : delay * 2;
    }
    if ((long)(now - next_preempt) >= 0) {
      preempt_long_runners();
      next_preempt = now + PREEMPT_MS * 1000UL;
    }
    if (trace_ms > 0 && (long)(now - next_trace) >= 0) {
      /* labelled with the period it is due at, as Go's lines read (its
       * sysmon wakes late by at most one delay) */
      n = trace_line(line, sizeof line, (int)((next_trace - start) / 1000UL));
      next_trace += (unsigned long)trace_ms * 1000UL;
    }
    if (trace_ms > 0 && delay > trace_ms * 1000)
      delay = trace_ms * 1000;
    __goro_unlock();
    if (n)
      write(2, line, n);
  }
}

/* Called by goro_main: start sysmon (preemption, and schedtrace if GODEBUG asks). */
void __goro_start_trace(void) {
  enum { SYSMON_STACK = 16384 };
  char *env = getenv("GODEBUG");
  char *at = env ? strstr(env, "schedtrace=") : 0;
  struct user_desc tls;
  char *stack;
  run_generation++;
  trace_ms = at ? atoi(at + strlen("schedtrace=")) : 0;
  stack = mmap(0, SYSMON_STACK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (stack == MAP_FAILED)
    return;
  memset(&tls, 0, sizeof tls);
  tls.entry_number = -1; /* no M: a zero thread pointer */
  clone(sysmon, stack + SYSMON_STACK,
        CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM | CLONE_SETTLS,
        (void *)run_generation, 0, &tls, 0);
}
