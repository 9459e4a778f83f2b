/* vm: the costs of the virtual-memory paths, in retired instructions.
 *
 *   vm [N]          N pages (default 1024: 4 MiB)
 *
 * minor-fault   first write to each of N fresh pages of a private anonymous
 *               mapping (trap, VMA lookup, a zeroed frame, the PTE), per
 *               fault, minus the same loop over the now-present pages.
 * fork-cow-4m   fork of this process with those N pages resident: the
 *               parent's instructions from before fork() to its return,
 *               the least of FORKS forks (each child exits at once; when
 *               the scheduler runs it before the parent returns, its run is
 *               counted too: the least is the fork alone).
 * cow-fault     first write to each of the N pages while a child (blocked
 *               on a pipe) still shares them: a copy per page, per fault,
 *               minus the present-page loop.
 * Prints "@result vm pages=N minor_total=... minor_per_fault=...
 * overhead=... fork_best=... cow_total=... cow_per_fault=...". */
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include "bench.h"

#define PAGE 4096
#define FORKS 5

static unsigned touch(volatile char *a, unsigned n, int value) {
  unsigned i, t0, t1;
  t0 = bench_tsc();
  for (i = 0; i < n; i++) a[i * PAGE] = (char)value;
  t1 = bench_tsc();
  return t1 - t0;
}

int main(int argc, char **argv) {
  unsigned n = bench_count(argc, argv, 1024);
  const char *keys[7] = { "pages", "minor_total", "minor_per_fault", "overhead", "fork_best", "cow_total", "cow_per_fault" };
  unsigned values[7];
  unsigned minor, overhead, cow, best = 0xFFFFFFFFu;
  int k, pid, status, fds[2];
  char *a = mmap(0, n * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (a == MAP_FAILED) bench_fail("vm", "mmap");

  bench_mark("minor-start");
  minor = touch(a, n, 1);
  bench_mark("minor-end");
  overhead = touch(a, n, 2);

  bench_mark("fork-start");
  for (k = 0; k < FORKS; k++) {
    unsigned t0 = bench_tsc(), t1;
    pid = fork();
    if (pid == 0) _exit(0);
    t1 = bench_tsc();
    if (pid < 0) bench_fail("vm", "fork");
    if (waitpid(pid, &status, 0) != pid || status != 0) bench_fail("vm", "waitpid");
    if (t1 - t0 < best) best = t1 - t0;
  }
  bench_mark("fork-end");

  if (pipe(fds) != 0) bench_fail("vm", "pipe");
  pid = fork();
  if (pid == 0) {
    char c;
    close(fds[1]);
    read(fds[0], &c, 1);   /* until the parent has written every page */
    _exit(a[0] == 2 ? 0 : 1);
  }
  if (pid < 0) bench_fail("vm", "fork");
  bench_mark("cow-start");
  cow = touch(a, n, 3);
  bench_mark("cow-end");
  close(fds[1]);
  if (waitpid(pid, &status, 0) != pid || status != 0) bench_fail("vm", "the child saw the parent's writes");
  if (a[(n - 1) * PAGE] != 3) bench_fail("vm", "the parent lost its writes");

  values[0] = n;
  values[1] = minor;
  values[2] = (minor - overhead) / n;
  values[3] = overhead;
  values[4] = best;
  values[5] = cow;
  values[6] = (cow - overhead) / n;
  bench_result("vm", 7, keys, values);
  return 0;
}
