/* t_pthread_sync.c: the pthread cases (table in t_pthread.c) for
 * reader-writer locks, once, keys, barriers, spin locks and semaphores. */
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

/* ---- reader-writer locks ---- */

static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static int readers_in, max_readers_in, writer_in, rw_violations;
static volatile int reader_trying;


static void *reader(void *arg) {
  int i;
  (void)arg;
  for (i = 0; i < 40; i++) {
    int n;
    CHECK(pthread_rwlock_rdlock(&rw) == 0);
    n = pt_add(&readers_in, 1);
    if (n > max_readers_in)
      max_readers_in = n;
    if (writer_in)
      pt_add(&rw_violations, 1);
    sched_yield();   /* let the others come in meanwhile */
    pt_add(&readers_in, -1);
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
      pt_add(&rw_violations, 1);
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
  reader_trying = 1;
  CHECK(pthread_rwlock_rdlock(&rw) == 0);
  readers_in = writer_in ? -1 : 1;   /* -1: got in while the writer held it */
  pthread_rwlock_unlock(&rw);
  return 0;
}

static void *wrlock_then_note(void *arg) {
  (void)arg;
  CHECK(pthread_rwlock_wrlock(&rw) == 0);
  writer_in = 1;
  sched_yield();
  writer_in = 0;
  pthread_rwlock_unlock(&rw);
  return 0;
}

void pt_rwlock_readers_writers(void) {
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
  CHECK(pt_join_value(try_rd) == 0);
  CHECK(pthread_rwlock_unlock(&rw) == 0);   /* ours; the thread's stays */
  CHECK(pt_join_value(try_wr) == EBUSY);
  CHECK(pthread_rwlock_unlock(&rw) == 0);   /* the thread's reader: any reader may count it off */
  CHECK(pthread_rwlock_wrlock(&rw) == 0);
  CHECK(pt_join_value(try_rd) == EBUSY);
  CHECK(pt_join_value(try_wr) == EBUSY);
  CHECK(pthread_rwlock_wrlock(&rw) == EDEADLK);
  CHECK(pthread_rwlock_unlock(&rw) == 0);
  CHECK(pthread_rwlock_unlock(&rw) == EPERM);
  /* Writers are not starved: with a reader inside and a writer waiting, a
   * new reader waits for the writer. The writer is seen waiting before the
   * reader starts (released together, the reader could come first and
   * rightly get in), and the reader is seen trying before it is checked. */
  readers_in = 0;
  writer_in = 0;
  CHECK(pthread_rwlock_rdlock(&rw) == 0);
  CHECK(pthread_create(&t[0], 0, wrlock_then_note, 0) == 0);
  for (i = 0; i < 1000 && rw.writers_waiting != 1; i++)
    sched_yield();
  CHECK(rw.writers_waiting == 1);
  CHECK(pthread_create(&t[1], 0, rdlock_then_note, 0) == 0);
  for (i = 0; i < 1000 && !reader_trying; i++)
    sched_yield();
  CHECK(reader_trying);
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

void pt_once_from_8(void) {
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

void pt_keys(void) {
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
    pt_add(&phase_count[round], 1);
    r = pthread_barrier_wait(&barrier);
    if (r == PTHREAD_BARRIER_SERIAL_THREAD)
      pt_add(&serials, 1);
    else if (r != 0)
      pt_add(&phase_errors, 1);
    if (phase_count[round] != 5)   /* everyone arrived before anyone left */
      pt_add(&phase_errors, 1);
  }
  return 0;
}

void pt_barriers(void) {
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

void pt_spinlocks(void) {
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
    pt_add(&sem_got[0], 1);
  }
  return 0;
}

void pt_semaphores(void) {
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
