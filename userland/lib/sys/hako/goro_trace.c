/* goro_trace.c: sysmon, the runtime's monitor thread, here only for
 * GODEBUG=schedtrace=N: every N ms of the clock it prints, as Go does,
 *   SCHED 1000ms: gomaxprocs=2 idleprocs=0 threads=4 spinningthreads=0
 *   idlethreads=1 runqueue=3 [12 7]
 * to stderr: Ps, idle Ps, Ms started, Ms spinning (always 0 here: an M
 * with nothing to do parks at once), idle Ms, the global run queue's
 * length, then each P's local queue (runnext included). sysmon is a bare
 * clone thread, not an M: it holds no P and runs no goroutine. It ends
 * when the goro_main that started it has returned. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sched.h>
#include <time.h>
#include <sys/mman.h>
#include <hako/sched.h>
#include "goro_impl.h"

extern struct goro_p *__goro_allp;
extern int __goro_nprocs;
static int trace_ms;
static int run_generation;

static int sysmon(void *arg) {
  int generation = (int)arg;
  int elapsed = 0;
  for (;;) {
    struct timespec ts;
    char line[512];
    int n, i, idleprocs = 0, idlethreads = 0;
    struct goro_p *p;
    struct goro_m *m;
    ts.tv_sec = trace_ms / 1000;
    ts.tv_nsec = (long)(trace_ms % 1000) * 1000000L;
    nanosleep(&ts, 0);
    elapsed += trace_ms;
    __goro_lock();
    if (generation != run_generation || __goro_sched.done) {
      __goro_unlock();
      return 0;
    }
    for (p = __goro_sched.idle_p; p; p = p->link)
      idleprocs++;
    for (m = __goro_sched.idle_m; m; m = m->link)
      idlethreads++;
    n = snprintf(line, sizeof line,
                 "SCHED %dms: gomaxprocs=%d idleprocs=%d threads=%d spinningthreads=0 idlethreads=%d runqueue=%d [",
                 elapsed, __goro_nprocs, idleprocs, __goro_sched.stats.threads, idlethreads, __goro_sched.runq_size);
    for (i = 0; i < __goro_nprocs && n < (int)sizeof line - 16; i++) {
      p = &__goro_allp[i];
      n += snprintf(line + n, sizeof line - n, "%s%d", i ? " " : "", (int)(p->tail - p->head) + (p->runnext ? 1 : 0));
    }
    __goro_unlock();
    n += snprintf(line + n, sizeof line - n, "]\n");
    write(2, line, n);
  }
}

/* Called by goro_main: start sysmon if GODEBUG asks for schedtrace. */
void __goro_start_trace(void) {
  enum { SYSMON_STACK = 16384 };
  char *env = getenv("GODEBUG");
  char *at = env ? strstr(env, "schedtrace=") : 0;
  struct user_desc tls;
  char *stack;
  run_generation++;
  if (!at)
    return;
  trace_ms = atoi(at + strlen("schedtrace="));
  if (trace_ms <= 0)
    return;
  stack = mmap(0, SYSMON_STACK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (stack == MAP_FAILED)
    return;
  memset(&tls, 0, sizeof tls);
  tls.entry_number = -1; /* no M: a zero thread pointer */
  clone(sysmon, stack + SYSMON_STACK,
        CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM | CLONE_SETTLS,
        (void *)run_generation, 0, &tls, 0);
}
