/* swap: the cost of moving pages to and from swap, in retired instructions.
 * Meant for a small machine (test/bench/swap.ts boots 8 MiB with 16 MiB of
 * swap), where N pages do not fit in RAM.
 *
 *   swap [N]        N pages (default 3072: 12 MiB)
 *
 * swap-out   the first write to each of N fresh pages of a private
 *            anonymous mapping: once RAM is full every new page costs a
 *            page written to swap (reclaim: the clock, the unmap, the disk
 *            write). Instructions of the whole loop per page written out
 *            (pswpout from /proc/vmstat before and after).
 * swap-in    the last 2/3 of the mapping (mostly resident) is unmapped, so
 *            RAM is free again; then one read of each page of the first
 *            third, which went out first: a major fault and a disk read
 *            each, with no swap-out in between. Instructions of that loop
 *            per page read in (pswpin).
 * Prints "@result swap pages=N out_pages=... out_total=... out_per_page=...
 * in_pages=... in_total=... in_per_page=...". */
#include <fcntl.h>
#include <unistd.h>
#include <sys/mman.h>
#include "bench.h"

#define PAGE 4096

/* The value of `key` in /proc/vmstat. */
static unsigned vmstat(const char *key) {
  static char text[2048];
  int fd = open("/proc/vmstat", O_RDONLY);
  int n, i, k;
  if (fd < 0) bench_fail("swap", "open /proc/vmstat");
  n = read(fd, text, sizeof text - 1);
  close(fd);
  if (n <= 0) bench_fail("swap", "read /proc/vmstat");
  text[n] = 0;
  for (i = 0; i < n; i++) {
    if (i > 0 && text[i - 1] != '\n') continue;
    for (k = 0; key[k] && text[i + k] == key[k]; k++) {
    }
    if (key[k] == 0 && text[i + k] == ' ') {
      unsigned v = 0;
      const char *p = text + i + k + 1;
      while (*p >= '0' && *p <= '9') v = v * 10 + (unsigned)(*p++ - '0');
      return v;
    }
  }
  bench_fail("swap", key);
  return 0;
}

int main(int argc, char **argv) {
  unsigned n = bench_count(argc, argv, 3072);
  unsigned first = n / 3;
  const char *keys[7] = { "pages", "out_pages", "out_total", "out_per_page", "in_pages", "in_total", "in_per_page" };
  unsigned values[7];
  unsigned i, t0, t1, out0, out1, in0, in1, sum = 0;
  volatile unsigned *a = mmap(0, n * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (a == MAP_FAILED) bench_fail("swap", "mmap");

  out0 = vmstat("pswpout");
  bench_mark("out-start");
  t0 = bench_tsc();
  for (i = 0; i < n; i++) a[i * (PAGE / 4)] = i;
  t1 = bench_tsc();
  bench_mark("out-end");
  out1 = vmstat("pswpout");
  if (out1 == out0) bench_fail("swap", "nothing was swapped out (is there swap, and is N larger than RAM?)");
  values[0] = n;
  values[1] = out1 - out0;
  values[2] = t1 - t0;
  values[3] = (t1 - t0) / (out1 - out0);

  if (munmap((void *)(a + first * (PAGE / 4)), (n - first) * PAGE) != 0) bench_fail("swap", "munmap");
  in0 = vmstat("pswpin");
  bench_mark("in-start");
  t0 = bench_tsc();
  for (i = 0; i < first; i++) sum += a[i * (PAGE / 4)] - i;
  t1 = bench_tsc();
  bench_mark("in-end");
  in1 = vmstat("pswpin");
  if (sum != 0) bench_fail("swap", "a page came back wrong");
  if (in1 == in0) bench_fail("swap", "nothing was swapped in");
  values[4] = in1 - in0;
  values[5] = t1 - t0;
  values[6] = (t1 - t0) / (in1 - in0);
  bench_result("swap", 7, keys, values);
  return 0;
}
