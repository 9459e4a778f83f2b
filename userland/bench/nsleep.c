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

int main(int argc, char **argv) {
  const char *keys[5] = { "sleeps", "asked_us", "min_us", "median_us", "max_us" };
  unsigned values[5], i, n = bench_count(argc, argv, 100);
  if (n > MAX_SLEEPS)
    n = MAX_SLEEPS;
  bench_mark("nsleep-start");
  for (i = 0; i < n; i++) {
    struct timespec ts = { 0, ASKED_US * 1000L };
    unsigned long t0 = bench_now_us();
    if (nanosleep(&ts, 0) != 0)
      bench_fail("nsleep", "nanosleep failed");
    took[i] = (unsigned)(bench_now_us() - t0);
    if (took[i] < ASKED_US)
      bench_fail("nsleep", "a sleep ended early");
  }
  bench_mark("nsleep-end");
  values[0] = n;
  values[1] = ASKED_US;
  bench_min_median_max(took, n, values + 2);
  bench_result("nsleep", 5, keys, values);
  return 0;
}
