/* t_futex.c: futexes between threads and processes (a lock, errors, a
 * word in a MAP_SHARED mapping, requeue) and sched_yield among threads;
 * cases of ut_thread_cases (t_thread.c). */
#include <dirent.h>
#include <fcntl.h>
#include <futex.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "ut.h"
#include "thr.h"

static int counter;

#define INCREMENTS 600

/* Each increment is a read, a yield and a write: without the lock the
 * other threads' increments in between would be lost. */
static int count_up(void *arg) {
  int i;
  (void)arg;
  for (i = 0; i < INCREMENTS; i++) {
    int v;
    lock(&the_lock);
    v = counter;
    if (i % 16 == 0)
      sched_yield();
    counter = v + 1;
    unlock(&the_lock);
  }
  return 0;
}

void futex_counter(void) {
  int i;
  for (i = 0; i < 4; i++)
    spawn(i, count_up, 0);
  for (i = 0; i < 4; i++)
    join(i);
  CHECK(counter == 4 * INCREMENTS);
  CHECK(the_lock == 0);
}

static void alarm_handler(int sig) {
  (void)sig;
}

void futex_errors(void) {
  int word = 1;
  struct timespec ts = {0, 30000000};
  struct sigaction sa;
  CHECK_ERR(futex(&word, FUTEX_WAIT, 2, 0, 0, 0), EAGAIN);
  CHECK_ERR(futex(&word, FUTEX_WAIT, 1, &ts, 0, 0), ETIMEDOUT);
  ts.tv_nsec = 1000000000;
  CHECK_ERR(futex(&word, FUTEX_WAIT, 1, &ts, 0, 0), EINVAL);
  CHECK_ERR(futex((int *)((char *)&word + 1), FUTEX_WAKE, 1, 0, 0, 0), EINVAL);
  CHECK_ERR(futex((int *)16, FUTEX_WAKE, 1, 0, 0, 0), EFAULT);
  CHECK_ERR(futex(&word, 99, 1, 0, 0, 0), ENOSYS);
  CHECK(futex(&word, FUTEX_WAKE, 1, 0, 0, 0) == 0);   /* nobody waits */
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = alarm_handler;
  CHECK(sigaction(SIGALRM, &sa, 0) == 0);
  alarm(1);
  CHECK_ERR(futex(&word, FUTEX_WAIT, 1, 0, 0, 0), EINTR);
}

/* A futex word in a MAP_SHARED mapping joins processes: the key is the
 * physical page. */
void futex_shared_mapping(void) {
  int st, pid;
  int *w = (int *)mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  CHECK(w != (int *)MAP_FAILED);
  w[0] = 0;
  pid = fork();
  CHECK(pid >= 0);
  if (pid == 0) {
    struct timespec ts = {0, 50000000};
    nanosleep(&ts, 0);
    w[0] = 1;
    _exit(futex(&w[0], FUTEX_WAKE, 1, 0, 0, 0) == 1 ? 0 : 1);   /* it woke the parent */
  }
  while (w[0] == 0)
    futex(&w[0], FUTEX_WAIT, 0, 0, 0, 0);
  CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

static int cond, mutex_word;
static int requeue_woken;

static int cond_waiter(void *arg) {
  (void)arg;
  lock(&the_lock);
  started++;
  unlock(&the_lock);
  futex(&cond, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, 0, 0, 0);
  lock(&the_lock);
  requeue_woken++;
  unlock(&the_lock);
  return 0;
}

void futex_requeue_moves(void) {
  int i;
  for (i = 0; i < 3; i++)
    spawn(i, cond_waiter, 0);
  while (started < 3)
    sched_yield();
  sched_yield();   /* the last one reaches its FUTEX_WAIT */
  CHECK_ERR(futex_requeue(&cond, FUTEX_CMP_REQUEUE | FUTEX_PRIVATE_FLAG, 1, 2, &mutex_word, 5), EAGAIN);
  /* One woken, two moved to mutex_word: a wake on cond finds nobody. */
  CHECK(futex_requeue(&cond, FUTEX_CMP_REQUEUE | FUTEX_PRIVATE_FLAG, 1, 2, &mutex_word, 0) == 3);
  CHECK(futex(&cond, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 10, 0, 0, 0) == 0);
  CHECK(futex(&mutex_word, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 10, 0, 0, 0) == 2);
  for (i = 0; i < 3; i++)
    join(i);
  CHECK(requeue_woken == 3);
}

static char yield_log[64];
static int yield_n;

static int yield_loop(void *arg) {
  int i;
  for (i = 0; i < 10; i++) {
    yield_log[yield_n++] = (char)(int)arg;
    sched_yield();
  }
  return 0;
}

/* sched_yield puts the caller behind every runnable thread: two threads
 * that yield after each step take turns, step by step. */
void yield_alternates(void) {
  int i;
  spawn(0, yield_loop, (void *)'a');
  spawn(1, yield_loop, (void *)'b');
  join(0);
  join(1);
  CHECK(yield_n == 20);
  for (i = 1; i < 20; i++)
    CHECK(yield_log[i] != yield_log[i - 1]);
}
