/* pthread: what libc's threads cost, in retired instructions.
 *
 *   pthread [N]     N operations of each kind (default 2000)
 *
 * mutex: an uncontended pthread_mutex_lock + unlock pair (no system call).
 * malloc1 / mallocN: malloc(40) + free, before any thread exists (libc's
 *   locks are off) and after (the heap lock taken and released each call).
 * handoff: two threads take turns holding one mutex, each yielding the
 *   CPU while it holds it, so every lock finds it held and sleeps: a
 *   contended lock (futex wait), the unlock's futex wake, and the switches,
 *   per handoff.
 * cond: a round trip over a condition variable (main signals a thread and
 *   waits for its signal back): two signals, two waits, two switches.
 * create: pthread_create + pthread_join of a thread that returns at once.
 * Prints "@result pthread n=N mutex=.. malloc1=.. mallocN=.. handoff=..
 * cond=.. create=..", each per operation. */
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include "bench.h"

static unsigned n;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int turn;

static unsigned per(unsigned t0, unsigned t1, unsigned ops) {
  return (t1 - t0) / ops;
}

static unsigned malloc_cost(void) {
  unsigned i, t0, t1;
  void *p;
  t0 = bench_tsc();
  for (i = 0; i < n; i++) {
    p = malloc(40);
    free(p);
  }
  t1 = bench_tsc();
  return per(t0, t1, n);
}

static void *holder(void *arg) {
  unsigned i;
  (void)arg;
  for (i = 0; i < n; i++) {
    pthread_mutex_lock(&m);
    sched_yield();   /* the other thread runs, finds m held, sleeps */
    pthread_mutex_unlock(&m);
  }
  return 0;
}

static void *echo(void *arg) {
  unsigned i;
  (void)arg;
  pthread_mutex_lock(&m);
  for (i = 0; i < n; i++) {
    while (turn != 1)
      pthread_cond_wait(&cv, &m);
    turn = 0;
    pthread_cond_signal(&cv);
  }
  pthread_mutex_unlock(&m);
  return 0;
}

static void *nothing(void *arg) {
  return arg;
}

int main(int argc, char **argv) {
  const char *keys[7] = { "n", "mutex", "malloc1", "mallocN", "handoff", "cond", "create" };
  unsigned values[7];
  unsigned i, t0, t1;
  pthread_t a, b;
  n = bench_count(argc, argv, 2000);
  values[0] = n;
  values[2] = malloc_cost();   /* one thread: libc's locks are off */

  bench_mark("pthread-mutex-start");
  t0 = bench_tsc();
  for (i = 0; i < n; i++) {
    pthread_mutex_lock(&m);
    pthread_mutex_unlock(&m);
  }
  t1 = bench_tsc();
  values[1] = per(t0, t1, n);

  bench_mark("pthread-handoff-start");
  t0 = bench_tsc();
  if (pthread_create(&a, 0, holder, 0) != 0 || pthread_create(&b, 0, holder, 0) != 0)
    bench_fail("pthread", "pthread_create failed");
  pthread_join(a, 0);
  pthread_join(b, 0);
  t1 = bench_tsc();
  values[4] = per(t0, t1, 2 * n);
  values[3] = malloc_cost();   /* threads have existed: the heap lock is on */

  bench_mark("pthread-cond-start");
  if (pthread_create(&a, 0, echo, 0) != 0)
    bench_fail("pthread", "pthread_create failed");
  t0 = bench_tsc();
  pthread_mutex_lock(&m);
  for (i = 0; i < n; i++) {
    turn = 1;
    pthread_cond_signal(&cv);
    while (turn != 0)
      pthread_cond_wait(&cv, &m);
  }
  pthread_mutex_unlock(&m);
  t1 = bench_tsc();
  pthread_join(a, 0);
  values[5] = per(t0, t1, n);

  bench_mark("pthread-create-start");
  t0 = bench_tsc();
  for (i = 0; i < n / 10 + 1; i++) {
    if (pthread_create(&a, 0, nothing, 0) != 0)
      bench_fail("pthread", "pthread_create failed");
    pthread_join(a, 0);
  }
  t1 = bench_tsc();
  values[6] = per(t0, t1, n / 10 + 1);
  bench_mark("pthread-end");
  bench_result("pthread", 7, keys, values);
  return 0;
}
