/* nsleep: how long nanosleep(50 us) really sleeps, in emulated µs
 * (CLOCK_MONOTONIC), now that the kernel ends sleeps on the timer's
 * one-shot compare (kernel/proc/hrtimer.c) instead of the 10 ms tick.
 *
 *   nsleep [N]   N sleeps (default 100)
 *
 * Prints "@result nsleep sleeps=N asked_us=50 min_us=A median_us=M
 * max_us=B": the shortest, median and longest sleep measured. */
#include <time.h>
#include "bench.h"

enum { ASKED_US = 50, MAX_SLEEPS = 1000 };
static unsigned took[MAX_SLEEPS];

static unsigned long now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (unsigned long)ts.tv_sec * 1000000UL + (unsigned long)ts.tv_nsec / 1000UL;
}

static void sort(unsigned *v, unsigned n) {
  unsigned i, j;
  for (i = 1; i < n; i++) {
    unsigned x = v[i];
    for (j = i; j > 0 && v[j - 1] > x; j--)
      v[j] = v[j - 1];
    v[j] = x;
  }
}

int main(int argc, char **argv) {
  const char *keys[5] = { "sleeps", "asked_us", "min_us", "median_us", "max_us" };
  unsigned values[5], i, n = bench_count(argc, argv, 100);
  if (n > MAX_SLEEPS)
    n = MAX_SLEEPS;
  bench_mark("nsleep-start");
  for (i = 0; i < n; i++) {
    struct timespec ts = { 0, ASKED_US * 1000L };
    unsigned long t0 = now_us();
    if (nanosleep(&ts, 0) != 0)
      bench_fail("nsleep", "nanosleep failed");
    took[i] = (unsigned)(now_us() - t0);
    if (took[i] < ASKED_US)
      bench_fail("nsleep", "a sleep ended early");
  }
  bench_mark("nsleep-end");
  sort(took, n);
  values[0] = n;
  values[1] = ASKED_US;
  values[2] = took[0];
  values[3] = took[n / 2];
  values[4] = took[n - 1];
  bench_result("nsleep", 5, keys, values);
  return 0;
}
