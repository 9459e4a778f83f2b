/* t_wakeup.c: wake-up preemption (kernel/proc/sched.c, make_runnable).
 *
 * A thread woken by its high-resolution timer while siblings spin takes
 * the CPU at once — within a millisecond of its deadline, not at the next
 * 10 ms tick — when it is behind the running thread by more than the
 * wake-up granularity (1 ms of virtual time), counting what the running
 * thread has used up to the wake-up and not only up to its last tick or
 * switch. The other side of the same rule: threads that sleep briefly and
 * often do not starve one that never sleeps. Guest time is
 * CLOCK_MONOTONIC (µs, emulated, so every run is the same). */
#include <errno.h>
#include <futex.h>
#include <sched.h>
#include <stdio.h>
#include <time.h>
#include "thr.h"
#include "ut.h"

enum {
  ROUNDS = 200,
  LATE_LIMIT_US = 1000, /* the tick a late wake-up waits for is 10000 µs */
  GAP_US = 100,         /* two clock reads further apart: someone else ran between */
};

static long now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000000L + ts.tv_nsec / 1000;
}

/* Spins until this thread itself has run `us` µs (time spent while others
 * ran is not counted). */
static void run_for_us(long us) {
  long last = now_us(), ran = 0;
  while (ran < us) {
    long t = now_us();
    if (t - last < GAP_US)
      ran += t - last;
    last = t;
  }
}

static volatile int stop;

static int spin(void *arg) {
  (void)arg;
  while (!stop) {
  }
  return 0;
}

static long sleep_late_us(long us) {
  struct timespec ts = { 0, us * 1000L };
  long t0 = now_us();
  CHECK(nanosleep(&ts, 0) == 0);
  return now_us() - t0 - us;
}

/* The bug this case was written for: a sibling forked from this thread
 * starts at its vruntime, so when this thread sleeps 2 ms the sibling is
 * level with it; on the wake-up the sibling has run 2 ms more, but
 * charged only at its last tick or switch it still looked level, and the
 * sleeper waited for a tick (10-20 ms). Each round the thread first runs
 * 3 ms alone, so that the sibling it forks starts level with it again. */
static void level_sleeper_preempts(void) {
  int i, late_rounds = 0;
  long worst = 0;
  for (i = 0; i < ROUNDS; i++) {
    long late;
    run_for_us(3000);
    stop = 0;
    spawn(0, spin, 0);
    late = sleep_late_us(2000);
    stop = 1;
    join(0);
    if (late > worst)
      worst = late;
    if (late >= LATE_LIMIT_US)
      late_rounds++;
  }
  if (late_rounds)
    printf("  %d of %d sleeps of 2 ms ended %d us late or more (worst %ld us)\n", late_rounds, ROUNDS, LATE_LIMIT_US,
           worst);
  CHECK(late_rounds == 0);
}

/* A thread that mostly sleeps is far behind its spinning siblings: each
 * of its 50 µs sleeps ends on time. (The siblings first run 20 ms alone:
 * just forked, they are level with it, and then a wake-up does not
 * preempt, by the granularity.) */
static void short_sleeps_on_time(void) {
  int i, late_rounds = 0;
  long worst = 0;
  stop = 0;
  spawn(0, spin, 0);
  spawn(1, spin, 0);
  sleep_late_us(20000);
  for (i = 0; i < ROUNDS; i++) {
    long late = sleep_late_us(50);
    if (late > worst)
      worst = late;
    if (late >= LATE_LIMIT_US)
      late_rounds++;
  }
  stop = 1;
  join(0);
  join(1);
  if (late_rounds)
    printf("  %d of %d sleeps of 50 us ended %d us late or more (worst %ld us)\n", late_rounds, ROUNDS, LATE_LIMIT_US,
           worst);
  CHECK(late_rounds == 0);
}

enum { SLEEPERS = 4, FAIR_RUN_US = 300000 };

/* Runs 300 µs, sleeps 50 µs, again until told to stop. */
static int busy_sleeper(void *arg) {
  (void)arg;
  while (!stop) {
    struct timespec ts = { 0, 50000 };
    run_for_us(300);
    nanosleep(&ts, 0);
  }
  return 0;
}

/* Four threads that each want 86% of the CPU but sleep 50 µs every
 * 300 µs, and one that never sleeps: over 300 ms the spinner gets its
 * fair fifth, within a quarter of it (sleepers credited on each wake-up
 * as if they had slept long would starve it; the spinner charged too
 * little at the wake-ups that preempt it would take more). */
static void sleepers_do_not_starve_spinner(void) {
  int i;
  long start, last, t, ran = 0, share, fair;
  stop = 0;
  for (i = 0; i < SLEEPERS; i++)
    spawn(i, busy_sleeper, 0);
  start = last = now_us();
  while ((t = now_us()) - start < FAIR_RUN_US) {
    if (t - last < GAP_US)
      ran += t - last;
    last = t;
  }
  stop = 1;
  for (i = 0; i < SLEEPERS; i++)
    join(i);
  share = ran * 1000 / (t - start);
  fair = 1000 / (SLEEPERS + 1);
  if (share < fair * 3 / 4 || share > fair * 5 / 4)
    printf("  the spinner ran %ld us of %ld (%ld per mille; fair: %ld)\n", ran, t - start, share, fair);
  CHECK(share >= fair * 3 / 4 && share <= fair * 5 / 4);
}

struct ut_case ut_wakeup_cases[] = {
  { "wakeup_level_sleeper", level_sleeper_preempts },
  { "wakeup_short_sleeps", short_sleeps_on_time },
  { "wakeup_fair_to_spinner", sleepers_do_not_starve_spinner },
  { 0, 0 },
};
