/* vmstat [DELAY [COUNT]]: one line of memory and paging figures per
 * interval, from /proc/meminfo (KiB) and /proc/vmstat (event counts; the
 * first line shows totals since boot, later ones the change per interval).
 * Columns: swpd (swap in use, KiB), free, buff, cache (KiB), si/so (pages
 * swapped in/out), flt (page faults), majflt (faults that read a device).
 * Without DELAY it prints one line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "ulib.h"

static char text[4096];

/* The file into text; -1 (with a message) when it cannot be read. */
static int slurp(const char *path) {
  if (u_read_text(path, text, sizeof text) < 0) {
    fprintf(stderr, "vmstat: cannot read %s\n", path);
    return -1;
  }
  return 0;
}

static unsigned int field(const char *key) { return u_text_number(text, key); }

int main(int argc, char **argv) {
  unsigned int delay = 0, count = 1, i;
  unsigned int last_flt = 0, last_si = 0, last_so = 0, last_maj = 0;
  if (argc > 1) {
    delay = strtoul(argv[1], 0, 10);
    count = argc > 2 ? strtoul(argv[2], 0, 10) : 0xFFFFFFFFu;
    if (delay == 0) {
      fprintf(stderr, "usage: vmstat [DELAY [COUNT]]\n");
      return 1;
    }
  }
  printf("%8s %8s %8s %8s %6s %6s %8s %6s\n", "swpd", "free", "buff", "cache", "si", "so", "flt", "majflt");
  for (i = 0; i < count; i++) {
    unsigned int total_swap, free_swap, freemem, buff, cache, flt, si, so, maj;
    if (slurp("/proc/meminfo") < 0) return 1;
    total_swap = field("SwapTotal");
    free_swap = field("SwapFree");
    freemem = field("MemFree");
    buff = field("Buffers");
    cache = field("Cached");
    if (slurp("/proc/vmstat") < 0) return 1;
    flt = field("pgfault");
    si = field("pswpin");
    so = field("pswpout");
    maj = field("pgmajfault");
    printf("%8u %8u %8u %8u %6u %6u %8u %6u\n", total_swap - free_swap, freemem, buff, cache, si - last_si, so - last_so,
           flt - last_flt, maj - last_maj);
    last_flt = flt;
    last_si = si;
    last_so = so;
    last_maj = maj;
    if (i + 1 < count) sleep(delay);
  }
  return 0;
}
