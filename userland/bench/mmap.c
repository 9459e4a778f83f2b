/* mmap: the cost of many small mappings.
 *
 *   mmap [N]        N one-page mappings (default 20000)
 *
 * N anonymous one-page mmaps in a row (placement: the free-area search and
 * the VMA insertion), then N munmaps of them in the order they were made,
 * then N mmaps again and N munmaps in reverse order (a lookup that walked
 * a list from the bottom would make one order or the other quadratic).
 * The host counts each stretch's instructions between the "@mark" lines
 * (test/bench/vm.ts: mmap-20k); they can exceed the 32-bit in-guest
 * counter on a slow kernel, so the program does not count them itself.
 * Prints "@result mmap count=N". */
#include <stdlib.h>
#include <sys/mman.h>
#include "bench.h"

#define PAGE 4096

static char **pages;

static void map_all(unsigned n) {
  unsigned i;
  for (i = 0; i < n; i++) {
    pages[i] = mmap(0, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (pages[i] == MAP_FAILED) bench_fail("mmap", "mmap");
  }
}

int main(int argc, char **argv) {
  unsigned n = bench_count(argc, argv, 20000);
  const char *keys[1] = { "count" };
  unsigned i;
  pages = malloc(n * sizeof *pages);
  if (!pages) bench_fail("mmap", "malloc");

  bench_mark("mmap-start");
  map_all(n);
  bench_mark("mmap-mapped");
  for (i = 0; i < n; i++)
    if (munmap(pages[i], PAGE) != 0) bench_fail("mmap", "munmap");
  bench_mark("mmap-unmapped");
  map_all(n);
  bench_mark("mmap-remapped");
  for (i = n; i-- > 0;)
    if (munmap(pages[i], PAGE) != 0) bench_fail("mmap", "munmap (reverse)");
  bench_mark("mmap-end");

  bench_result("mmap", 1, keys, &n);
  return 0;
}
