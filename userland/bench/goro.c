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
 * syscall: N getpid calls wrapped in goro_entersyscall/goro_exitsyscall
 * (the path goro_read takes: the G keeps its P, no handoff), against N
 * bare getpid calls: per call, both.
 * handoff: a read() that blocks with the only P, RETAKES times: emulated
 * microseconds (CLOCK_MONOTONIC) from the call to another goroutine
 * running, which is when sysmon retook the P and another M took it. The
 * first (handoff_us) also starts the second M; the other 20 come right
 * after a retake, with sysmon at its 20 us sleep (retake_min_us,
 * retake_median_us, retake_max_us).
 * Prints "@result goro spawns=N spawn_total=T per_spawn=P trips=N
 * pingpong_total=T per_trip=P calls=N per_syscall=P per_bare_syscall=P
 * handoffs=H handoff_us=U retakes=R retake_min_us=A retake_median_us=M
 * retake_max_us=B". */
#include <unistd.h>
#include <goro.h>
#include "bench.h"

enum { RETAKES = 21 };
static unsigned n;
static unsigned values[15];
static unsigned retake_us[RETAKES];
static goro_waitgroup wg;
static int fds[2];
static unsigned long read_began;

static void blocked_reader(void *unused) {
  char c;
  (void)unused;
  read_began = bench_now_us();
  if (goro_read(fds[0], &c, 1) != 1)
    bench_fail("goro", "the blocked read failed");
  goro_wg_done(&wg);
}
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

  bench_mark("goro-syscall-start");
  t0 = bench_tsc();
  for (i = 0; i < n; i++) {
    goro_entersyscall();
    getpid();
    goro_exitsyscall();
  }
  t1 = bench_tsc();
  values[6] = n;
  values[7] = (t1 - t0) / n;
  t0 = bench_tsc();
  for (i = 0; i < n; i++)
    getpid();
  t1 = bench_tsc();
  bench_mark("goro-syscall-end");
  values[8] = (t1 - t0) / n;

  if (pipe(fds) < 0)
    bench_fail("goro", "pipe");
  for (i = 0; i < RETAKES; i++) {
    goro_wg_add(&wg, 1);
    go(blocked_reader, 0);
    goro_yield(); /* the reader blocks in read() holding the only P; this G waits in the global queue */
    retake_us[i] = (unsigned)(bench_now_us() - read_began);
    write(fds[1], "x", 1);
    goro_wg_wait(&wg);
  }
  values[10] = retake_us[0];
  values[11] = RETAKES - 1;
  bench_min_median_max(retake_us + 1, RETAKES - 1, values + 12);
}

int main(int argc, char **argv) {
  const char *keys[15] = { "spawns", "spawn_total", "per_spawn", "trips", "pingpong_total", "per_trip",
                           "calls", "per_syscall", "per_bare_syscall", "handoffs", "handoff_us",
                           "retakes", "retake_min_us", "retake_median_us", "retake_max_us" };
  struct goro_stats st;
  n = bench_count(argc, argv, 2000);
  if (goro_main(measure, 0, 1) < 0)
    bench_fail("goro", "goro_main failed");
  goro_stats(&st);
  values[9] = st.handoffs;
  if (st.handoffs < RETAKES)
    bench_fail("goro", "a blocked read's P was not retaken");
  bench_result("goro", 15, keys, values);
  return 0;
}
