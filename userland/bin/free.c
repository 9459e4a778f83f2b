/* free [-b|-k|-m|-h]: memory and swap in use, in procps's layout — a Mem
 * row (total used free shared buff/cache available) and a Swap row (total
 * used free) — from /proc/meminfo, whose figures are KiB. -k (the default)
 * prints KiB, -b bytes, -m MiB (rounded down, as procps does), -h a short
 * human figure (B, Ki, Mi, Gi; one decimal below 10). used is total minus
 * free minus buff/cache, as procps computes it. Exit 1 on a bad option or
 * when /proc/meminfo cannot be read. */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include "ulib.h"

static char text[4096];

/* The KiB figure of "key:" in /proc/meminfo. */
static unsigned int meminfo(const char *key) { return u_text_number(text, key); }

static char unit = 'k';

/* One column, 12 wide, in the chosen unit. */
static void column(unsigned int kib) {
  char buf[32];
  if (unit == 'b') {
    /* kib * 1024 may pass 2^32: print it as millions and the rest */
    unsigned int r = kib % 1000000u, rbytes = r * 1024u;
    unsigned int millions = kib / 1000000u * 1024u + rbytes / 1000000u;
    if (millions > 0) sprintf(buf, "%u%06u", millions, rbytes % 1000000u);
    else sprintf(buf, "%u", rbytes);
  } else if (unit == 'm') {
    sprintf(buf, "%u", kib / 1024u);
  } else if (unit == 'h') {
    static const char *names[] = { "Ki", "Mi", "Gi" };
    unsigned int scaled = kib, rem = 0, i = 0;
    if (kib == 0) {
      strcpy(buf, "0B");
    } else {
      while (scaled >= 1024u && i < 2) {
        rem = scaled % 1024u;
        scaled /= 1024u;
        i++;
      }
      if (scaled < 10) sprintf(buf, "%u.%u%s", scaled, rem * 10u / 1024u, names[i]);
      else sprintf(buf, "%u%s", scaled, names[i]);
    }
  } else {
    sprintf(buf, "%u", kib);
  }
  printf("%12s", buf);
}

int main(int argc, char **argv) {
  unsigned int total, freemem, cache, avail, swap_total, swap_free;
  int i;
  for (i = 1; i < argc; i++) {
    if (strcmp(argv[i], "-b") == 0 || strcmp(argv[i], "-k") == 0 || strcmp(argv[i], "-m") == 0 ||
        strcmp(argv[i], "-h") == 0) {
      unit = argv[i][1];
    } else {
      fprintf(stderr, "free: invalid option '%s'\nusage: free [-b|-k|-m|-h]\n", argv[i]);
      return 1;
    }
  }
  if (u_read_text("/proc/meminfo", text, sizeof text) < 0) {
    fprintf(stderr, "free: cannot read /proc/meminfo\n");
    return 1;
  }
  total = meminfo("MemTotal");
  freemem = meminfo("MemFree");
  cache = meminfo("Buffers") + meminfo("Cached");
  avail = meminfo("MemAvailable");
  swap_total = meminfo("SwapTotal");
  swap_free = meminfo("SwapFree");
  printf("               total        used        free      shared  buff/cache   available\n");
  printf("%-8s", "Mem:");
  column(total);
  column(total >= freemem + cache ? total - freemem - cache : 0);
  column(freemem);
  column(0);
  column(cache);
  column(avail);
  printf("\n%-8s", "Swap:");
  column(swap_total);
  column(swap_total - swap_free);
  column(swap_free);
  printf("\n");
  return 0;
}
