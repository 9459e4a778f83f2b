/* pcount: a race made visible. THREADS threads (default 4) each add 1 to
 * one shared counter COUNT times (default 100000), first with no lock,
 * then with a pthread mutex around each increment, and print the totals:
 *
 *   pcount: 4 threads x 100000 increments = 400000 expected
 *   without a mutex: 262144 (137856 lost)
 *   with a mutex:    400000 (0 lost)
 *
 * An increment is a read, some work, and a write of the value read plus
 * one. Hako has one CPU, so threads take turns, switched by the timer;
 * a thread switched out between its read and its write later writes back
 * a stale value, wiping out every increment the others made meanwhile.
 * The mutex keeps the others out of that window. Exit status 0 when the
 * locked total is exact.
 *   pcount [-u | -l] [THREADS [COUNT]]   (-u: only unlocked, -l: only locked) */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_THREADS = 64 };

static volatile int counter;
static int count;
static int use_mutex;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* The time between the read and the write: where a switch loses updates. */
static int work(int v) {
  int i, x = v;
  for (i = 0; i < 4; i++)
    x = x * 3 + i;
  return x;
}

static void *increment(void *arg) {
  int i, v, sink = 0;
  (void)arg;
  for (i = 0; i < count; i++) {
    if (use_mutex)
      pthread_mutex_lock(&lock);
    v = counter;
    sink += work(v);
    counter = v + 1;
    if (use_mutex)
      pthread_mutex_unlock(&lock);
  }
  return (void *)(long)(sink & 0);
}

static int run(int nthreads) {
  pthread_t t[MAX_THREADS];
  int i;
  counter = 0;
  for (i = 0; i < nthreads; i++)
    if (pthread_create(&t[i], 0, increment, 0) != 0) {
      fprintf(stderr, "pcount: cannot create a thread\n");
      exit(1);
    }
  for (i = 0; i < nthreads; i++)
    pthread_join(t[i], 0);
  return counter;
}

int main(int argc, char **argv) {
  int nthreads = 4, expected, got, arg = 1, unlocked = 1, locked = 1;
  if (arg < argc && strcmp(argv[arg], "-u") == 0) {
    locked = 0;
    arg++;
  } else if (arg < argc && strcmp(argv[arg], "-l") == 0) {
    unlocked = 0;
    arg++;
  }
  count = 100000;
  if (arg < argc)
    nthreads = atoi(argv[arg++]);
  if (arg < argc)
    count = atoi(argv[arg++]);
  if (arg < argc || nthreads < 1 || nthreads > MAX_THREADS || count < 1) {
    fprintf(stderr, "usage: pcount [-u | -l] [THREADS [COUNT]]\n");
    return 2;
  }
  expected = nthreads * count;
  printf("pcount: %d threads x %d increments = %d expected\n", nthreads, count, expected);
  if (unlocked) {
    use_mutex = 0;
    got = run(nthreads);
    printf("without a mutex: %d (%d lost)\n", got, expected - got);
  }
  if (locked) {
    use_mutex = 1;
    got = run(nthreads);
    printf("with a mutex:    %d (%d lost)\n", got, expected - got);
    return got == expected ? 0 : 1;
  }
  return 0;
}
