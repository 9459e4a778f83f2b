/* measure.c: the measurements several benchmark programs take the same
 * way (bench.h): emulated microseconds, the spread of a sample, and the
 * cost of one epoll_wait over a set with exactly one ready entry, small
 * and then filled with idle ones. */
#include <stdio.h>
#include <time.h>
#include <unistd.h>
#include <sys/epoll.h>
#include "bench.h"

unsigned long bench_now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (unsigned long)ts.tv_sec * 1000000UL + (unsigned long)ts.tv_nsec / 1000UL;
}

/* Insertion sort: the samples are few (at most a thousand) and the
 * benchmarks must not depend on libc's qsort being fast. */
void bench_min_median_max(unsigned *v, unsigned n, unsigned *out) {
  unsigned i, j;
  for (i = 1; i < n; i++) {
    unsigned x = v[i];
    for (j = i; j > 0 && v[j - 1] > x; j--)
      v[j] = v[j - 1];
    v[j] = x;
  }
  out[0] = v[0];
  out[1] = v[n / 2];
  out[2] = v[n - 1];
}

static unsigned epoll_wait_cost(const char *name, int ep, unsigned n) {
  struct epoll_event ev[4];
  unsigned i, t0, t1;
  if (epoll_wait(ep, ev, 4, 0) != 1) bench_fail(name, "warm-up wait");
  t0 = bench_tsc();
  for (i = 0; i < n; i++) epoll_wait(ep, ev, 4, 0);
  t1 = bench_tsc();
  if (epoll_wait(ep, ev, 4, 0) != 1) bench_fail(name, "the ready entry was not reported");
  return (t1 - t0) / n;
}

void bench_epoll_watch(const char *name, int ep, int fd) {
  struct epoll_event ev;
  ev.events = EPOLLIN;
  ev.data.fd = fd;
  if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) != 0) bench_fail(name, "epoll_ctl");
}

void bench_epoll_wait(const char *name, const char *result, const char *idle_key, unsigned n,
                      void (*add_one_idle)(int ep), unsigned (*fill)(int ep)) {
  int ep = epoll_create1(0), ready[2];
  const char *keys[4] = { idle_key, "calls", "per_call", "per_call_one_idle" };
  unsigned values[4];
  char mark[48];
  if (ep < 0) bench_fail(name, "epoll_create1");
  if (pipe(ready) != 0 || write(ready[1], "x", 1) != 1) bench_fail(name, "the ready pipe");
  bench_epoll_watch(name, ep, ready[0]);
  add_one_idle(ep);
  values[3] = epoll_wait_cost(name, ep, n);
  values[0] = fill(ep);
  snprintf(mark, sizeof mark, "%s-start", name);
  bench_mark(mark);
  values[2] = epoll_wait_cost(name, ep, n);
  snprintf(mark, sizeof mark, "%s-end", name);
  bench_mark(mark);
  values[1] = n;
  bench_result(result, 4, keys, values);
}
