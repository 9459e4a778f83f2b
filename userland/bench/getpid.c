/* getpid: the cost of one getpid round trip from ring 3 (libc's stub,
 * int 0x80, the kernel's entry, dispatch and return, iret).
 *
 *   getpid [N]      N calls (default 10000)
 *
 * Method: N calls to getpid() in a loop, timed with bench_tsc(), minus the
 * same loop calling bench_nothing() (an assembly `ret`): what is left is
 * the stub's body plus the kernel, per call. Timer interrupts that land in
 * the loop are counted, spread over the N calls. Prints
 * "@result getpid calls=N total=T overhead=O per_call=P". */
#include <unistd.h>
#include "bench.h"

int main(int argc, char **argv) {
  unsigned n = bench_count(argc, argv, 10000);
  unsigned i, t0, t1, t2, t3;
  int me = getpid();
  const char *keys[4] = { "calls", "total", "overhead", "per_call" };
  unsigned values[4];

  if (me <= 0) bench_fail("getpid", "getpid returned no process id");
  t0 = bench_tsc();
  for (i = 0; i < n; i++) bench_nothing();
  t1 = bench_tsc();
  bench_mark("getpid-start");
  t2 = bench_tsc();
  for (i = 0; i < n; i++) getpid();
  t3 = bench_tsc();
  bench_mark("getpid-end");
  if (getpid() != me) bench_fail("getpid", "the process id changed");

  values[0] = n;
  values[1] = t3 - t2;
  values[2] = t1 - t0;
  values[3] = ((t3 - t2) - (t1 - t0)) / n;
  bench_result("getpid", 4, keys, values);
  return 0;
}
