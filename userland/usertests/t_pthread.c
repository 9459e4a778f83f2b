/* t_pthread.c: libc's POSIX threads (<pthread.h>, <semaphore.h>) and what
 * threads need of the rest of libc: errno per thread, malloc and stdio
 * safe under threads. Every case checks its own results. Here: errno,
 * mutexes, condition variables, join/detach/exit, many threads, the stack
 * guard, and the table of every pthread case; t_pthread_sync.c has the
 * other synchronisation objects, t_pthread_libc.c malloc, stdio and
 * signals under threads. */
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
#include "pthr.h"

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

/* ---- shared by the pthread cases (pthr.h) ---- */

static pthread_mutex_t stat_lock = PTHREAD_MUTEX_INITIALIZER;

/* *p += d under a mutex of its own (the counters the cases watch). */
int pt_add(int *p, int d) {
  int v;
  pthread_mutex_lock(&stat_lock);
  v = *p += d;
  pthread_mutex_unlock(&stat_lock);
  return v;
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

int pt_join_value(void *(*fn)(void *)) {
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
  CHECK(pt_join_value(try_other) == EBUSY);
  CHECK(pt_join_value(unlock_other) == EPERM);
  CHECK(pthread_mutex_unlock(&shared_m) == 0);
  CHECK(pthread_mutex_unlock(&shared_m) == 0);
  CHECK(pt_join_value(try_other) == EBUSY);      /* still held once */
  CHECK(pthread_mutex_unlock(&shared_m) == 0);
  CHECK(pthread_mutex_unlock(&shared_m) == EPERM);   /* not held any more */
  CHECK(pt_join_value(try_other) == 0);          /* free: the thread took it */
  /* ERRORCHECK: relocking is EDEADLK, unlocking by another EPERM */
  CHECK(pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK) == 0);
  CHECK(pthread_mutex_init(&shared_m, &a) == 0);
  CHECK(pthread_mutex_lock(&shared_m) == 0);
  CHECK(pthread_mutex_lock(&shared_m) == EDEADLK);
  CHECK(pthread_mutex_trylock(&shared_m) == EBUSY);
  CHECK(pt_join_value(unlock_other) == EPERM);
  CHECK(pthread_mutex_destroy(&shared_m) == EBUSY);
  CHECK(pthread_mutex_unlock(&shared_m) == 0);
  CHECK(pthread_mutex_unlock(&shared_m) == EPERM);
  CHECK(pthread_mutex_destroy(&shared_m) == 0);
  /* NORMAL: trylock of a held mutex is EBUSY, of a free one takes it */
  CHECK(pthread_mutex_init(&shared_m, 0) == 0);
  CHECK(pthread_mutex_trylock(&shared_m) == 0);
  CHECK(pthread_mutex_trylock(&shared_m) == EBUSY);
  CHECK(pt_join_value(try_other) == EBUSY);
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
  CHECK(pt_join_value(join_self) == EDEADLK);
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
  {"pthread_rwlock", pt_rwlock_readers_writers},
  {"pthread_once", pt_once_from_8},
  {"pthread_keys", pt_keys},
  {"pthread_barrier", pt_barriers},
  {"pthread_spin", pt_spinlocks},
  {"pthread_semaphores", pt_semaphores},
  {"pthread_malloc", pt_malloc_threads},
  {"pthread_stdio", pt_stdio_threads},
  {"pthread_signals", pt_thread_signals},
  {0, 0},
};
