/* goro: what the G/M/P runtime (<goro.h>) costs, in retired instructions,
 * with GOMAXPROCS=1 (one M, no other thread: the count is the runtime's
 * own path, not the kernel's scheduling).
 *
 *   goro [N]     N goroutines and N round trips (default 2000)
 *
 * spawn: go() of N goroutines that do nothing, then waiting for them all
 * (a G made or reused from the free list, queued, switched to, ended,
 * the WaitGroup counted down): per goroutine.
 * pingpong: N round trips of an int over two unbuffered channels between
 * two goroutines (two sends, two receives, four switches): per round trip.
 * Prints "@result goro spawns=N spawn_total=T per_spawn=P trips=N
 * pingpong_total=T per_trip=P". */
#include <goro.h>
#include "bench.h"

static unsigned n;
static unsigned values[6];
static goro_waitgroup wg;
static goro_chan *ping, *pong;

static void nothing(void *unused) {
  (void)unused;
  goro_wg_done(&wg);
}

static void echo(void *unused) {
  int v;
  (void)unused;
  while (goro_recv(ping, &v))
    goro_send(pong, &v);
}

static void measure(void *unused) {
  unsigned i, t0, t1;
  int v = 0;
  (void)unused;
  goro_wg_add(&wg, n);
  bench_mark("goro-spawn-start");
  t0 = bench_tsc();
  for (i = 0; i < n; i++)
    go(nothing, 0);
  goro_wg_wait(&wg);
  t1 = bench_tsc();
  bench_mark("goro-spawn-end");
  values[0] = n;
  values[1] = t1 - t0;
  values[2] = (t1 - t0) / n;

  ping = goro_chan_make(sizeof(int), 0);
  pong = goro_chan_make(sizeof(int), 0);
  go(echo, 0);
  bench_mark("goro-pingpong-start");
  t0 = bench_tsc();
  for (i = 0; i < n; i++) {
    v++;
    goro_send(ping, &v);
    goro_recv(pong, &v);
  }
  t1 = bench_tsc();
  bench_mark("goro-pingpong-end");
  if (v != (int)n)
    bench_fail("goro", "the ball came back wrong");
  values[3] = n;
  values[4] = t1 - t0;
  values[5] = (t1 - t0) / n;
}

int main(int argc, char **argv) {
  const char *keys[6] = { "spawns", "spawn_total", "per_spawn", "trips", "pingpong_total", "per_trip" };
  n = bench_count(argc, argv, 2000);
  if (goro_main(measure, 0, 1) < 0)
    bench_fail("goro", "goro_main failed");
  bench_result("goro", 6, keys, values);
  return 0;
}
