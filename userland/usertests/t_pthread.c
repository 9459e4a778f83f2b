/* t_pthread.c: libc's POSIX threads (<pthread.h>, <semaphore.h>) and what
 * threads need of the rest of libc: errno per thread, malloc and stdio
 * safe under threads. Every case checks its own results. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "ut.h"

int __malloc_check(size_t *free_blocks, size_t *free_bytes);   /* libc's heap checker: 0 when sound */

/* ---- errno per thread ---- */

static pthread_barrier_t errno_barrier;

static void *errno_thread(void *arg) {
  (void)arg;
  errno = 0;
  CHECK(open("/no/such/file", O_RDONLY) == -1 && errno == ENOENT);
  pthread_barrier_wait(&errno_barrier);   /* main fails with EBADF now */
  pthread_barrier_wait(&errno_barrier);
  CHECK(errno == ENOENT);                  /* not main's EBADF */
  return 0;
}

static void tls_errno(void) {
  pthread_t t;
  CHECK(pthread_barrier_init(&errno_barrier, 0, 2) == 0);
  CHECK(pthread_create(&t, 0, errno_thread, 0) == 0);
  pthread_barrier_wait(&errno_barrier);
  errno = 0;
  CHECK(close(-1) == -1 && errno == EBADF);
  pthread_barrier_wait(&errno_barrier);
  CHECK(pthread_join(t, 0) == 0);
  CHECK(errno == EBADF);                   /* not the thread's ENOENT */
  CHECK(__errno_location() != 0);
  /* errno's address is the thread's own: in the TLS block, docs/abi.md */
  CHECK((void *)__errno_location() == (void *)((char *)pthread_self() + 4));
}

/* ---- mutexes ---- */

static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static int counter;
#define INCREMENTS 2000

/* A read, a yield now and then, a write: without the mutex the other
 * threads' increments in between would be lost. */
static void *count_up(void *arg) {
  int i;
  (void)arg;
  for (i = 0; i < INCREMENTS; i++) {
    int v;
    CHECK(pthread_mutex_lock(&counter_lock) == 0);
    v = counter;
    if (i % 64 == 0)
      sched_yield();
    counter = v + 1;
    CHECK(pthread_mutex_unlock(&counter_lock) == 0);
  }
  return 0;
}

static void mutex_counter(void) {
  pthread_t t[4];
  int i;
  for (i = 0; i < 4; i++)
    CHECK(pthread_create(&t[i], 0, count_up, 0) == 0);
  for (i = 0; i < 4; i++)
    CHECK(pthread_join(t[i], 0) == 0);
  CHECK(counter == 4 * INCREMENTS);
  CHECK(counter_lock.lock == 0);
}

static pthread_mutex_t shared_m;

static void *try_other(void *arg) {
  (void)arg;
  return (void *)(long)pthread_mutex_trylock(&shared_m);
}

static void *unlock_other(void *arg) {
  (void)arg;
  return (void *)(long)pthread_mutex_unlock(&shared_m);
}

static int join_value(void *(*fn)(void *)) {
  pthread_t t;
  void *r = (void *)-1;
  CHECK(pthread_create(&t, 0, fn, 0) == 0);
  CHECK(pthread_join(t, &r) == 0);
  return (int)(long)r;
}

static void mutex_kinds(void) {
  pthread_mutexattr_t a;
  int type;
  CHECK(pthread_mutexattr_init(&a) == 0);
  CHECK(pthread_mutexattr_settype(&a, 99) == EINVAL);
  /* RECURSIVE: the owner nests; others see it busy; only the owner unlocks */
  CHECK(pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE) == 0);
  CHECK(pthread_mutexattr_gettype(&a, &type) == 0 && type == PTHREAD_MUTEX_RECURSIVE);
  CHECK(pthread_mutex_init(&shared_m, &a) == 0);
  CHECK(pthread_mutex_lock(&shared_m) == 0);
  CHECK(pthread_mutex_lock(&shared_m) == 0);
  CHECK(pthread_mutex_trylock(&shared_m) == 0);
  CHECK(join_value(try_other) == EBUSY);
  CHECK(join_value(unlock_other) == EPERM);
  CHECK(pthread_mutex_unlock(&shared_m) == 0);
  CHECK(pthread_mutex_unlock(&shared_m) == 0);
  CHECK(join_value(try_other) == EBUSY);      /* still held once */
  CHECK(pthread_mutex_unlock(&shared_m) == 0);
  CHECK(pthread_mutex_unlock(&shared_m) == EPERM);   /* not held any more */
  CHECK(join_value(try_other) == 0);          /* free: the thread took it */
  /* ERRORCHECK: relocking is EDEADLK, unlocking by another EPERM */
  CHECK(pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK) == 0);
  CHECK(pthread_mutex_init(&shared_m, &a) == 0);
  CHECK(pthread_mutex_lock(&shared_m) == 0);
  CHECK(pthread_mutex_lock(&shared_m) == EDEADLK);
  CHECK(pthread_mutex_trylock(&shared_m) == EBUSY);
  CHECK(join_value(unlock_other) == EPERM);
  CHECK(pthread_mutex_destroy(&shared_m) == EBUSY);
  CHECK(pthread_mutex_unlock(&shared_m) == 0);
  CHECK(pthread_mutex_unlock(&shared_m) == EPERM);
  CHECK(pthread_mutex_destroy(&shared_m) == 0);
  /* NORMAL: trylock of a held mutex is EBUSY, of a free one takes it */
  CHECK(pthread_mutex_init(&shared_m, 0) == 0);
  CHECK(pthread_mutex_trylock(&shared_m) == 0);
  CHECK(pthread_mutex_trylock(&shared_m) == EBUSY);
  CHECK(join_value(try_other) == EBUSY);
  CHECK(pthread_mutex_unlock(&shared_m) == 0);
  CHECK(pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED) == ENOTSUP);
}

/* The slow path of a lock whose first xchg put a 1 over the sleepers' 2,
 * with the holder releasing in between (it saw the 1, so it woke nobody):
 * played step by step here, the interleaving a timer switch can make.
 * The taker must end up holding the word at 2, so that its own unlock
 * wakes the sleeper. */
void __lll_lock_wait(int *w, int priv);
int __libc_xchg(int *p, int v);
static pthread_mutex_t lost_m = PTHREAD_MUTEX_INITIALIZER;
static volatile int sleeper_done;

static void *sleeper(void *arg) {
  (void)arg;
  pthread_mutex_lock(&lost_m);
  sleeper_done = 1;
  pthread_mutex_unlock(&lost_m);
  return 0;
}

static void mutex_no_lost_wakeup(void) {
  pthread_t t;
  int i;
  struct timespec ts = {0, 10000000};
  CHECK(pthread_mutex_lock(&lost_m) == 0);               /* the holder */
  CHECK(pthread_create(&t, 0, sleeper, 0) == 0);
  for (i = 0; i < 100 && lost_m.lock != 2; i++)
    sched_yield();
  CHECK(lost_m.lock == 2);                                /* the sleeper is queued */
  nanosleep(&ts, 0);
  CHECK(__libc_xchg(&lost_m.lock, 1) == 2);               /* a taker's first step */
  CHECK(pthread_mutex_unlock(&lost_m) == 0);              /* the holder leaves */
  __lll_lock_wait(&lost_m.lock, 128);                     /* the taker goes on: FUTEX_PRIVATE_FLAG */
  CHECK(lost_m.lock == 2);
  CHECK(pthread_mutex_unlock(&lost_m) == 0);              /* must wake the sleeper */
  for (i = 0; i < 50 && !sleeper_done; i++)
    nanosleep(&ts, 0);
  CHECK(sleeper_done);
  CHECK(pthread_join(t, 0) == 0);
}

/* ---- condition variables ---- */

#define ITEMS 500
#define SLOTS 4
static pthread_mutex_t q_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t q_not_empty = PTHREAD_COND_INITIALIZER;
static pthread_cond_t q_not_full = PTHREAD_COND_INITIALIZER;
static int q[SLOTS], q_head, q_len;

static void *producer(void *arg) {
  int i;
  (void)arg;
  for (i = 1; i <= ITEMS; i++) {
    pthread_mutex_lock(&q_lock);
    while (q_len == SLOTS)
      pthread_cond_wait(&q_not_full, &q_lock);
    q[(q_head + q_len) % SLOTS] = i;
    q_len++;
    pthread_cond_signal(&q_not_empty);
    pthread_mutex_unlock(&q_lock);
  }
  return 0;
}

/* Every item once, in order, through a 4-slot queue: a lost wake-up would
 * leave one side asleep for ever (the case would not end). */
static void cond_producer_consumer(void) {
  pthread_t t;
  int i, v;
  CHECK(pthread_create(&t, 0, producer, 0) == 0);
  for (i = 1; i <= ITEMS; i++) {
    pthread_mutex_lock(&q_lock);
    while (q_len == 0)
      pthread_cond_wait(&q_not_empty, &q_lock);
    v = q[q_head];
    q_head = (q_head + 1) % SLOTS;
    q_len--;
    pthread_cond_signal(&q_not_full);
    pthread_mutex_unlock(&q_lock);
    CHECK(v == i);
  }
  CHECK(pthread_join(t, 0) == 0);
  CHECK(q_len == 0);
}

static int go_flag, woken;

static void *wait_go(void *arg) {
  (void)arg;
  pthread_mutex_lock(&q_lock);
  while (!go_flag)
    pthread_cond_wait(&q_not_empty, &q_lock);
  woken++;
  pthread_mutex_unlock(&q_lock);
  return 0;
}

static void cond_broadcast_timedwait(void) {
  pthread_t t[5];
  struct timespec abs, now;
  int i, r;
  for (i = 0; i < 5; i++)
    CHECK(pthread_create(&t[i], 0, wait_go, 0) == 0);
  for (i = 0; i < 20; i++)
    sched_yield();
  pthread_mutex_lock(&q_lock);
  go_flag = 1;
  CHECK(pthread_cond_broadcast(&q_not_empty) == 0);
  pthread_mutex_unlock(&q_lock);
  for (i = 0; i < 5; i++)
    CHECK(pthread_join(t[i], 0) == 0);
  CHECK(woken == 5);
  /* Nobody signals: ETIMEDOUT at the absolute CLOCK_REALTIME time, with the
   * mutex held again. */
  CHECK(clock_gettime(CLOCK_REALTIME, &abs) == 0);
  abs.tv_nsec += 50000000;
  if (abs.tv_nsec >= 1000000000) {
    abs.tv_nsec -= 1000000000;
    abs.tv_sec++;
  }
  pthread_mutex_lock(&q_lock);
  r = pthread_cond_timedwait(&q_not_full, &q_lock, &abs);
  CHECK(r == ETIMEDOUT);
  CHECK(pthread_mutex_trylock(&q_lock) == EBUSY);   /* held by us again */
  CHECK(clock_gettime(CLOCK_REALTIME, &now) == 0);
  CHECK(now.tv_sec > abs.tv_sec || (now.tv_sec == abs.tv_sec && now.tv_nsec >= abs.tv_nsec));
  abs.tv_sec -= 10;   /* already past */
  CHECK(pthread_cond_timedwait(&q_not_full, &q_lock, &abs) == ETIMEDOUT);
  pthread_mutex_unlock(&q_lock);
}

/* ---- join, detach, exit ---- */

static void *return_arg(void *arg) {
  return arg;
}

static void *exit_arg(void *arg) {
  pthread_exit((char *)arg + 1);
  return 0;
}

static void *join_self(void *arg) {
  (void)arg;
  return (void *)(long)pthread_join(pthread_self(), 0);
}

static void join_exit_values(void) {
  pthread_t t, d;
  pthread_attr_t a;
  void *r;
  int state;
  size_t size;
  CHECK(pthread_create(&t, 0, return_arg, (void *)1234) == 0);
  CHECK(pthread_join(t, &r) == 0 && r == (void *)1234);
  CHECK(pthread_create(&t, 0, exit_arg, (void *)41) == 0);
  CHECK(pthread_join(t, &r) == 0 && r == (void *)42);
  CHECK(join_value(join_self) == EDEADLK);
  CHECK(pthread_join(pthread_self(), 0) == EDEADLK);
  CHECK(pthread_equal(pthread_self(), pthread_self()));
  /* a detached thread: join is EINVAL, and so is a second detach */
  CHECK(pthread_attr_init(&a) == 0);
  CHECK(pthread_attr_setdetachstate(&a, 7) == EINVAL);
  CHECK(pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED) == 0);
  CHECK(pthread_attr_getdetachstate(&a, &state) == 0 && state == PTHREAD_CREATE_DETACHED);
  CHECK(pthread_attr_setstacksize(&a, 100) == EINVAL);
  CHECK(pthread_attr_setstacksize(&a, 32768) == 0);
  CHECK(pthread_attr_getstacksize(&a, &size) == 0 && size == 32768);
  CHECK(pthread_create(&d, &a, return_arg, 0) == 0);
  CHECK(pthread_join(d, 0) == EINVAL);
  CHECK(pthread_detach(d) == EINVAL);
  {
    /* also once it has ended (its block not yet unmapped: no create since) */
    struct timespec ts = {0, 20000000};
    CHECK(pthread_create(&d, &a, return_arg, 0) == 0);
    nanosleep(&ts, 0);
    CHECK(pthread_join(d, 0) == EINVAL);
    CHECK(pthread_detach(d) == EINVAL);
  }
  CHECK(pthread_create(&t, 0, return_arg, 0) == 0);
  CHECK(pthread_detach(t) == 0);
  CHECK(pthread_join(t, 0) == EINVAL);
  CHECK(pthread_attr_destroy(&a) == 0);
}

static void *exit_last(void *arg) {
  (void)arg;
  printf("last thread out\n");   /* buffered: exit(0) must flush it */
  pthread_exit(0);
  return 0;
}

/* When the last thread calls pthread_exit the process ends as by exit(0). */
static void last_thread_exits_process(void) {
  int pfd[2], st, pid, n;
  char buf[64];
  CHECK(pipe(pfd) == 0);
  pid = fork();
  CHECK(pid >= 0);
  if (pid == 0) {
    pthread_t t;
    dup2(pfd[1], 1);
    if (pthread_create(&t, 0, exit_last, 0) != 0)
      _exit(9);
    pthread_exit(0);   /* the main thread first */
  }
  close(pfd[1]);
  n = read(pfd[0], buf, sizeof buf - 1);
  CHECK(n > 0);
  buf[n > 0 ? n : 0] = 0;
  CHECK(strcmp(buf, "last thread out\n") == 0);
  CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

/* ---- many threads, stack guard ---- */

#define MANY 200
static pthread_mutex_t many_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t many_cond = PTHREAD_COND_INITIALIZER;
static int many_started, many_release;

static void *many_wait(void *arg) {
  pthread_mutex_lock(&many_lock);
  many_started++;
  pthread_cond_broadcast(&many_cond);
  while (!many_release)
    pthread_cond_wait(&many_cond, &many_lock);
  pthread_mutex_unlock(&many_lock);
  return arg;
}

static void many_threads(void) {
  static pthread_t t[MANY];
  pthread_attr_t a;
  int i;
  void *r;
  CHECK(pthread_attr_init(&a) == 0);
  CHECK(pthread_attr_setstacksize(&a, PTHREAD_STACK_MIN) == 0);
  for (i = 0; i < MANY; i++)
    CHECK(pthread_create(&t[i], &a, many_wait, (void *)(long)i) == 0);
  pthread_mutex_lock(&many_lock);
  while (many_started < MANY)
    pthread_cond_wait(&many_cond, &many_lock);
  pthread_mutex_unlock(&many_lock);
  /* all alive at once: the kernel counts them (the main thread too) */
  CHECK(ut_proc_number("/proc/self/status", "Threads") == MANY + 1);
  pthread_mutex_lock(&many_lock);
  many_release = 1;
  pthread_cond_broadcast(&many_cond);
  pthread_mutex_unlock(&many_lock);
  for (i = 0; i < MANY; i++) {
    CHECK(pthread_join(t[i], &r) == 0);
    CHECK(r == (void *)(long)i);
  }
  CHECK(ut_proc_number("/proc/self/status", "Threads") == 1);
}

static volatile unsigned long *reach;   /* MAP_SHARED: [0] deepest frame, [1] the top */

static int deep(int n) {
  volatile char pad[512];
  pad[0] = (char)n;
  reach[0] = (unsigned long)pad;
  return deep(n + 1) + pad[0];
}

static void *overflow(void *arg) {
  volatile char top = 0;
  (void)arg;
  reach[1] = (unsigned long)&top;
  deep(top);
  return 0;
}

static void *park(void *arg) {
  (void)arg;
  for (;;)
    pause();
  return 0;
}

static void guarded_overflow(void) {
  pthread_t t;
  /* a first thread's mapping lies just below the second's: without the
   * guard page the overflow would run on through it */
  if (pthread_create(&t, 0, park, 0) != 0 || pthread_create(&t, 0, overflow, 0) != 0)
    _exit(2);
  pthread_join(t, 0);
  _exit(3);
}

/* Running off a thread's stack hits its PROT_NONE guard page: SIGSEGV at
 * the end of its own stack, not a silent write into the memory below. */
static void stack_guard_page(void) {
  int st;
  unsigned long used;
  reach = (volatile unsigned long *)mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  CHECK(reach != (volatile unsigned long *)MAP_FAILED);
  st = ut_fork_status(guarded_overflow);
  CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
  used = reach[1] - reach[0];
  CHECK(used > PTHREAD_STACK_DEFAULT - 8192);   /* it used its stack */
  CHECK(used < PTHREAD_STACK_DEFAULT);          /* and stopped at its end */
}

/* ---- reader-writer locks ---- */

static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static int readers_in, max_readers_in, writer_in, rw_violations;
static pthread_barrier_t rw_barrier;

static pthread_mutex_t stat_lock = PTHREAD_MUTEX_INITIALIZER;

/* *p += d under a mutex of its own (the counters the cases watch). */
static int add(int *p, int d) {
  int v;
  pthread_mutex_lock(&stat_lock);
  v = *p += d;
  pthread_mutex_unlock(&stat_lock);
  return v;
}

static void *reader(void *arg) {
  int i;
  (void)arg;
  for (i = 0; i < 40; i++) {
    int n;
    CHECK(pthread_rwlock_rdlock(&rw) == 0);
    n = add(&readers_in, 1);
    if (n > max_readers_in)
      max_readers_in = n;
    if (writer_in)
      add(&rw_violations, 1);
    sched_yield();   /* let the others come in meanwhile */
    add(&readers_in, -1);
    CHECK(pthread_rwlock_unlock(&rw) == 0);
  }
  return 0;
}

static void *writer(void *arg) {
  int i;
  (void)arg;
  for (i = 0; i < 20; i++) {
    CHECK(pthread_rwlock_wrlock(&rw) == 0);
    if (writer_in || readers_in)
      add(&rw_violations, 1);
    writer_in = 1;
    sched_yield();
    writer_in = 0;
    CHECK(pthread_rwlock_unlock(&rw) == 0);
    sched_yield();
  }
  return 0;
}

static void *try_rd(void *arg) {
  (void)arg;
  return (void *)(long)pthread_rwlock_tryrdlock(&rw);
}

static void *try_wr(void *arg) {
  (void)arg;
  return (void *)(long)pthread_rwlock_trywrlock(&rw);
}

static void *rdlock_then_note(void *arg) {
  (void)arg;
  pthread_barrier_wait(&rw_barrier);
  CHECK(pthread_rwlock_rdlock(&rw) == 0);
  readers_in = writer_in ? -1 : 1;   /* -1: got in while the writer held it */
  pthread_rwlock_unlock(&rw);
  return 0;
}

static void *wrlock_then_note(void *arg) {
  (void)arg;
  pthread_barrier_wait(&rw_barrier);
  CHECK(pthread_rwlock_wrlock(&rw) == 0);
  writer_in = 1;
  sched_yield();
  writer_in = 0;
  pthread_rwlock_unlock(&rw);
  return 0;
}

static void rwlock_readers_writers(void) {
  pthread_t t[6];
  int i;
  /* Readers share, writers exclude: 4 readers and 2 writers mixed. */
  for (i = 0; i < 6; i++)
    CHECK(pthread_create(&t[i], 0, i < 4 ? reader : writer, 0) == 0);
  for (i = 0; i < 6; i++)
    CHECK(pthread_join(t[i], 0) == 0);
  CHECK(rw_violations == 0);
  CHECK(max_readers_in >= 2);   /* readers really were inside together */
  /* try: a read lock lets readers in and keeps writers out */
  CHECK(pthread_rwlock_rdlock(&rw) == 0);
  CHECK(join_value(try_rd) == 0);
  CHECK(pthread_rwlock_unlock(&rw) == 0);   /* ours; the thread's stays */
  CHECK(join_value(try_wr) == EBUSY);
  CHECK(pthread_rwlock_unlock(&rw) == 0);   /* the thread's reader: any reader may count it off */
  CHECK(pthread_rwlock_wrlock(&rw) == 0);
  CHECK(join_value(try_rd) == EBUSY);
  CHECK(join_value(try_wr) == EBUSY);
  CHECK(pthread_rwlock_wrlock(&rw) == EDEADLK);
  CHECK(pthread_rwlock_unlock(&rw) == 0);
  CHECK(pthread_rwlock_unlock(&rw) == EPERM);
  /* Writers are not starved: with a reader inside and a writer waiting, a
   * new reader waits for the writer. */
  CHECK(pthread_barrier_init(&rw_barrier, 0, 3) == 0);
  readers_in = 0;
  writer_in = 0;
  CHECK(pthread_rwlock_rdlock(&rw) == 0);
  CHECK(pthread_create(&t[0], 0, wrlock_then_note, 0) == 0);
  CHECK(pthread_create(&t[1], 0, rdlock_then_note, 0) == 0);
  pthread_barrier_wait(&rw_barrier);
  for (i = 0; i < 20; i++)
    sched_yield();
  CHECK(rw.writers_waiting == 1);
  CHECK(readers_in == 0);   /* the new reader did not get past the waiting writer */
  CHECK(pthread_rwlock_unlock(&rw) == 0);
  CHECK(pthread_join(t[0], 0) == 0);
  CHECK(pthread_join(t[1], 0) == 0);
  CHECK(readers_in == 1);
}

/* ---- once, keys, barriers, spin locks ---- */

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_runs;

static void init_once(void) {
  int i;
  for (i = 0; i < 5; i++)
    sched_yield();   /* the others arrive while it runs */
  once_runs++;
}

static void *call_once(void *arg) {
  (void)arg;
  CHECK(pthread_once(&once, init_once) == 0);
  CHECK(once_runs == 1);   /* done before anyone returns */
  return 0;
}

static void once_from_8(void) {
  pthread_t t[8];
  int i;
  for (i = 0; i < 8; i++)
    CHECK(pthread_create(&t[i], 0, call_once, 0) == 0);
  for (i = 0; i < 8; i++)
    CHECK(pthread_join(t[i], 0) == 0);
  CHECK(pthread_once(&once, init_once) == 0);
  CHECK(once_runs == 1);
}

static pthread_key_t key_a, key_b;
static int destroyed[8];
static int destroyed_b;

static void destroy_a(void *v) {
  destroyed[(int)(long)v - 1]++;
}

static void destroy_b(void *v) {
  (void)v;
  destroyed_b++;
  if (destroyed_b == 1)
    pthread_setspecific(key_b, (void *)2);   /* set again: another round */
}

static void *use_keys(void *arg) {
  CHECK(pthread_getspecific(key_a) == 0);
  CHECK(pthread_setspecific(key_a, arg) == 0);
  sched_yield();
  CHECK(pthread_getspecific(key_a) == arg);   /* each thread's own */
  return 0;
}

static void *use_key_b(void *arg) {
  (void)arg;
  CHECK(pthread_setspecific(key_b, (void *)1) == 0);
  return 0;
}

static void keys(void) {
  pthread_t t[4];
  pthread_key_t k;
  int i;
  CHECK(pthread_key_create(&key_a, destroy_a) == 0);
  CHECK(pthread_setspecific(key_a, (void *)8) == 0);
  for (i = 0; i < 4; i++)
    CHECK(pthread_create(&t[i], 0, use_keys, (void *)(long)(i + 1)) == 0);
  for (i = 0; i < 4; i++)
    CHECK(pthread_join(t[i], 0) == 0);
  for (i = 0; i < 4; i++)
    CHECK(destroyed[i] == 1);   /* each thread's value, once, at its exit */
  CHECK(destroyed[7] == 0);     /* main's is still set */
  CHECK(pthread_getspecific(key_a) == (void *)8);
  /* a destructor that sets a value again gets another round */
  CHECK(pthread_key_create(&key_b, destroy_b) == 0);
  CHECK(pthread_create(&t[0], 0, use_key_b, 0) == 0);
  CHECK(pthread_join(t[0], 0) == 0);
  CHECK(destroyed_b == 2);
  /* a deleted key's slot, made again, starts at NULL */
  CHECK(pthread_key_delete(key_a) == 0);
  CHECK(pthread_key_delete(key_a) == EINVAL);
  CHECK(pthread_setspecific(key_a, (void *)1) == EINVAL);
  CHECK(pthread_key_create(&k, 0) == 0);
  CHECK(k == key_a);
  CHECK(pthread_getspecific(k) == 0);
}

static pthread_barrier_t barrier;
static int serials, phase_count[3], phase_errors;

static void *barrier_rounds(void *arg) {
  int round;
  (void)arg;
  for (round = 0; round < 3; round++) {
    int r;
    add(&phase_count[round], 1);
    r = pthread_barrier_wait(&barrier);
    if (r == PTHREAD_BARRIER_SERIAL_THREAD)
      add(&serials, 1);
    else if (r != 0)
      add(&phase_errors, 1);
    if (phase_count[round] != 5)   /* everyone arrived before anyone left */
      add(&phase_errors, 1);
  }
  return 0;
}

static void barriers(void) {
  pthread_t t[5];
  int i;
  CHECK(pthread_barrier_init(&barrier, 0, 0) == EINVAL);
  CHECK(pthread_barrier_init(&barrier, 0, 5) == 0);
  for (i = 0; i < 5; i++)
    CHECK(pthread_create(&t[i], 0, barrier_rounds, 0) == 0);
  for (i = 0; i < 5; i++)
    CHECK(pthread_join(t[i], 0) == 0);
  CHECK(phase_errors == 0);
  CHECK(serials == 3);   /* one per round */
  CHECK(pthread_barrier_destroy(&barrier) == 0);
}

static pthread_spinlock_t spin;
static int spin_count;

static void *spin_up(void *arg) {
  int i;
  (void)arg;
  for (i = 0; i < 500; i++) {
    int v;
    pthread_spin_lock(&spin);
    v = spin_count;
    if (i % 50 == 0)
      sched_yield();
    spin_count = v + 1;
    pthread_spin_unlock(&spin);
  }
  return 0;
}

static void spinlocks(void) {
  pthread_t t[3];
  int i;
  CHECK(pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE) == 0);
  CHECK(pthread_spin_trylock(&spin) == 0);
  CHECK(pthread_spin_trylock(&spin) == EBUSY);
  CHECK(pthread_spin_unlock(&spin) == 0);
  for (i = 0; i < 3; i++)
    CHECK(pthread_create(&t[i], 0, spin_up, 0) == 0);
  for (i = 0; i < 3; i++)
    CHECK(pthread_join(t[i], 0) == 0);
  CHECK(spin_count == 1500);
  CHECK(pthread_spin_destroy(&spin) == 0);
}

/* ---- semaphores ---- */

static sem_t sem_items;
static int sem_got[100];

static void *sem_consumer(void *arg) {
  int i;
  (void)arg;
  for (i = 0; i < 50; i++) {
    CHECK(sem_wait(&sem_items) == 0);
    add(&sem_got[0], 1);
  }
  return 0;
}

static void semaphores(void) {
  pthread_t t[2];
  struct timespec abs;
  sem_t *shared;
  int v, i, st, pid;
  CHECK(sem_init(&sem_items, 0, 2) == 0);
  CHECK(sem_getvalue(&sem_items, &v) == 0 && v == 2);
  CHECK(sem_trywait(&sem_items) == 0);
  CHECK(sem_trywait(&sem_items) == 0);
  CHECK_ERR(sem_trywait(&sem_items), EAGAIN);
  /* two consumers of 50 each sleep until 100 posts come */
  for (i = 0; i < 2; i++)
    CHECK(pthread_create(&t[i], 0, sem_consumer, 0) == 0);
  for (i = 0; i < 100; i++) {
    CHECK(sem_post(&sem_items) == 0);
    if (i % 10 == 0)
      sched_yield();
  }
  for (i = 0; i < 2; i++)
    CHECK(pthread_join(t[i], 0) == 0);
  CHECK(sem_got[0] == 100);
  CHECK(sem_getvalue(&sem_items, &v) == 0 && v == 0);
  /* timedwait with nobody posting: ETIMEDOUT at the absolute time */
  CHECK(clock_gettime(CLOCK_REALTIME, &abs) == 0);
  abs.tv_nsec += 30000000;
  if (abs.tv_nsec >= 1000000000) {
    abs.tv_nsec -= 1000000000;
    abs.tv_sec++;
  }
  CHECK_ERR(sem_timedwait(&sem_items, &abs), ETIMEDOUT);
  abs.tv_nsec = 1000000000;
  CHECK_ERR(sem_timedwait(&sem_items, &abs), EINVAL);
  CHECK(sem_post(&sem_items) == 0);
  CHECK(sem_timedwait(&sem_items, &abs) == 0 || errno == EINVAL);
  CHECK(sem_destroy(&sem_items) == 0);
  /* pshared 1 in a MAP_SHARED page: parent and child are one semaphore */
  shared = (sem_t *)mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  CHECK(shared != (sem_t *)MAP_FAILED);
  CHECK(sem_init(&shared[0], 1, 0) == 0);
  CHECK(sem_init(&shared[1], 1, 0) == 0);
  pid = fork();
  CHECK(pid >= 0);
  if (pid == 0) {
    if (sem_wait(&shared[0]) != 0)   /* sleeps until the parent posts */
      _exit(1);
    _exit(sem_post(&shared[1]) == 0 ? 0 : 2);
  }
  for (i = 0; i < 10; i++)
    sched_yield();
  CHECK(sem_post(&shared[0]) == 0);
  CHECK(sem_wait(&shared[1]) == 0);   /* the child's answer */
  CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

/* ---- malloc and stdio under threads ---- */

static unsigned rng_next(unsigned *s) {
  *s = *s * 1103515245u + 12345u;
  return *s >> 8;
}

/* Each thread keeps 32 live blocks of random sizes filled with its own
 * pattern and checks every byte before freeing: a block handed to two
 * threads, or a heap corrupted by a race, shows as a wrong byte (or a
 * crash). Blocks are small, so the time goes to malloc and free and the
 * timer's switches land inside them; 5 rounds of 2000 per thread give a
 * few dozen such switches. */
static void *malloc_worker(void *arg) {
  unsigned seed = (unsigned)(long)arg * 7919u + 1;
  unsigned char *live[32];
  int sizes[32];
  int i, k, b, bad = 0;
  memset(live, 0, sizeof live);
  for (i = 0; i < 5 * 2000; i++) {
    k = rng_next(&seed) % 32;
    if (live[k]) {
      for (b = 0; b < sizes[k]; b++)
        if (live[k][b] != (unsigned char)(k + b + (long)arg * 64))
          bad++;
      free(live[k]);
    }
    sizes[k] = 1 + rng_next(&seed) % 96;
    live[k] = (unsigned char *)malloc(sizes[k]);
    if (!live[k])
      return (void *)-1L;
    for (b = 0; b < sizes[k]; b++)
      live[k][b] = (unsigned char)(k + b + (long)arg * 64);
  }
  for (k = 0; k < 32; k++)
    free(live[k]);
  return (void *)(long)bad;
}

static void malloc_threads(void) {
  pthread_t t[4];
  void *r;
  int i;
  for (i = 0; i < 4; i++)
    CHECK(pthread_create(&t[i], 0, malloc_worker, (void *)(long)i) == 0);
  for (i = 0; i < 4; i++) {
    CHECK(pthread_join(t[i], &r) == 0);
    CHECK(r == 0);
  }
  CHECK(__malloc_check(0, 0) == 0);
}

static FILE *lines_out;

/* Even lines are one fprintf each; odd ones three calls kept together by
 * flockfile, with a yield while the stream is held. */
static void *print_lines(void *arg) {
  int i, id = (int)(long)arg;
  for (i = 0; i < 150; i++) {
    if (i % 2 == 0) {
      fprintf(lines_out, "thread %d line %d: abcdefghijklmnopqrstuvwxyz end %d\n", id, i, id);
    } else {
      flockfile(lines_out);
      fprintf(lines_out, "thread %d line %d: ", id, i);
      if (i % 5 == 0)
        sched_yield();   /* another thread runs while we hold the stream */
      fputs("abcdefghijklmnopqrstuvwxyz", lines_out);
      fprintf(lines_out, " end %d\n", id);
      funlockfile(lines_out);
    }
    if (i % 7 == 0)
      sched_yield();
  }
  return 0;
}

/* 4 threads print to one FILE (a 64-byte buffer, so it is written out
 * often, mid-line): every line whole, each exactly once. */
static void stdio_threads(void) {
  pthread_t t[4];
  static char buf[64];
  char line[128];
  int i, n = 0, seen[4][150], id, num;
  memset(seen, 0, sizeof seen);
  /* fopen's FILE comes from malloc: give it dirty memory, so a lock word
   * fopen forgot to clear would show (as a hang) */
  for (i = 0; i < 4; i++) {
    char *junk = malloc(16 << i);
    memset(junk, 0xab, 16 << i);
    free(junk);
  }
  lines_out = fopen("lines", "w");
  CHECK(lines_out != 0);
  CHECK(setvbuf(lines_out, buf, _IOFBF, sizeof buf) == 0);
  CHECK(ftrylockfile(lines_out) == 0);
  CHECK(ftrylockfile(lines_out) == 0);   /* recursive */
  funlockfile(lines_out);
  funlockfile(lines_out);
  for (i = 0; i < 4; i++)
    CHECK(pthread_create(&t[i], 0, print_lines, (void *)(long)i) == 0);
  for (i = 0; i < 4; i++)
    CHECK(pthread_join(t[i], 0) == 0);
  CHECK(fclose(lines_out) == 0);
  lines_out = fopen("lines", "r");
  CHECK(lines_out != 0);
  while (fgets(line, sizeof line, lines_out)) {
    char tail[64];
    id = line[7] - '0';
    num = atoi(line + 14);
    CHECK(id >= 0 && id < 4 && num >= 0 && num < 150);
    sprintf(tail, ": abcdefghijklmnopqrstuvwxyz end %d\n", id);
    CHECK(strlen(line) > strlen(tail) && strcmp(line + strlen(line) - strlen(tail), tail) == 0);
    seen[id][num]++;
    n++;
  }
  fclose(lines_out);
  CHECK(n == 600);
  for (id = 0; id < 4; id++)
    for (num = 0; num < 150; num++)
      CHECK(seen[id][num] == 1);
}

/* ---- signals ---- */

static volatile int usr1_tid;

static void on_usr1(int sig) {
  (void)sig;
  usr1_tid = gettid();
}

static void *wait_usr1(void *arg) {
  (void)arg;
  while (!usr1_tid)
    sched_yield();
  return (void *)(long)gettid();
}

static void *blocked_thread(void *arg) {
  sigset_t s, old;
  (void)arg;
  sigemptyset(&s);
  sigaddset(&s, SIGUSR1);
  CHECK(pthread_sigmask(SIG_BLOCK, &s, &old) == 0);
  CHECK(!sigismember(&old, SIGUSR1));
  CHECK(pthread_sigmask(99, &s, 0) == EINVAL);
  CHECK(pthread_sigmask(SIG_BLOCK, 0, &old) == 0 && sigismember(&old, SIGUSR1));
  return 0;
}

static void thread_signals(void) {
  pthread_t t;
  void *r;
  sigset_t now;
  CHECK(signal(SIGUSR1, on_usr1) != SIG_ERR);
  CHECK(pthread_create(&t, 0, wait_usr1, 0) == 0);
  sched_yield();
  CHECK(pthread_kill(t, SIGUSR1) == 0);
  CHECK(pthread_join(t, &r) == 0);
  CHECK(usr1_tid == (int)(long)r);   /* the thread named ran the handler */
  CHECK(pthread_kill(pthread_self(), 0) == 0);
  /* a thread's mask is its own */
  CHECK(pthread_create(&t, 0, blocked_thread, 0) == 0);
  CHECK(pthread_join(t, 0) == 0);
  CHECK(pthread_sigmask(SIG_BLOCK, 0, &now) == 0 && !sigismember(&now, SIGUSR1));
}

struct ut_case ut_pthread_cases[] = {
  {"pthread_tls_errno", tls_errno},
  {"pthread_mutex_counter", mutex_counter},
  {"pthread_mutex_kinds", mutex_kinds},
  {"pthread_mutex_no_lost_wakeup", mutex_no_lost_wakeup},
  {"pthread_cond_producer_consumer", cond_producer_consumer},
  {"pthread_cond_broadcast_timedwait", cond_broadcast_timedwait},
  {"pthread_join_exit_values", join_exit_values},
  {"pthread_last_thread_exits", last_thread_exits_process},
  {"pthread_many_threads", many_threads},
  {"pthread_stack_guard", stack_guard_page},
  {"pthread_rwlock", rwlock_readers_writers},
  {"pthread_once", once_from_8},
  {"pthread_keys", keys},
  {"pthread_barrier", barriers},
  {"pthread_spin", spinlocks},
  {"pthread_semaphores", semaphores},
  {"pthread_malloc", malloc_threads},
  {"pthread_stdio", stdio_threads},
  {"pthread_signals", thread_signals},
  {0, 0},
};
