/* t_pthread_libc.c: the pthread cases (table in t_pthread.c) for the rest
 * of libc under threads: malloc and stdio used by several threads at once,
 * and signals (pthread_kill, per-thread masks). */
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

int __malloc_check(size_t *free_blocks, size_t *free_bytes);   /* libc's heap checker: 0 when sound */

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

void pt_malloc_threads(void) {
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
void pt_stdio_threads(void) {
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

void pt_thread_signals(void) {
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
