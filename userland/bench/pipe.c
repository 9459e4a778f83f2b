/* pipe: the cost of one round trip of a byte between two processes over
 * two pipes — write, the reader wakes (a context switch), it writes back,
 * the first wakes (another) — per round trip.
 *
 *   pipe [N]        N round trips (default 1000)
 *
 * Method: a child echoes every byte from pipe `there` back on pipe `back`.
 * One round trip is made before the clock starts (both processes are then
 * in their loops), then N timed with bench_tsc() in the parent, which
 * counts both processes' instructions and the kernel's. Prints
 * "@result pipe-pingpong round_trips=N total=T per_round_trip=P". */
#include <unistd.h>
#include <sys/wait.h>
#include "bench.h"

static void echo_child(int from, int to, unsigned n) {
  char c;
  unsigned i;
  for (i = 0; i < n; i++) {
    if (read(from, &c, 1) != 1) _exit(2);
    if (write(to, &c, 1) != 1) _exit(3);
  }
  _exit(0);
}

static void round_trip(int there, int back, char sent) {
  char got = 0;
  if (write(there, &sent, 1) != 1) bench_fail("pipe", "write");
  if (read(back, &got, 1) != 1) bench_fail("pipe", "read");
  if (got != sent) bench_fail("pipe", "the byte came back changed");
}

int main(int argc, char **argv) {
  unsigned n = bench_count(argc, argv, 1000);
  unsigned i, t0, t1;
  int there[2], back[2], pid, status = -1;

  if (pipe(there) != 0 || pipe(back) != 0) bench_fail("pipe", "pipe");
  pid = fork();
  if (pid < 0) bench_fail("pipe", "fork");
  if (pid == 0) {
    close(there[1]);
    close(back[0]);
    echo_child(there[0], back[1], n + 1);
  }
  close(there[0]);
  close(back[1]);
  round_trip(there[1], back[0], 'w');

  bench_mark("pipe-start");
  t0 = bench_tsc();
  for (i = 0; i < n; i++) round_trip(there[1], back[0], (char)('a' + i % 26));
  t1 = bench_tsc();
  bench_mark("pipe-end");
  if (waitpid(pid, &status, 0) != pid || status != 0) bench_fail("pipe", "the echoing child failed");

  bench_result_per("pipe-pingpong", "round_trips", "per_round_trip", n, t1 - t0);
  return 0;
}
