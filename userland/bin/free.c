/* free: memory in KiB — from /proc/meminfo when the kernel has /proc,
 * else from sysinfo (116: totalram/freeram/swap in units of mem_unit). */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <errno.h>
#include "ulib.h"

static unsigned int meminfo(const char *text, const char *key) {
  const char *p = strstr(text, key);
  if (!p)
    return 0;
  p += strlen(key);
  while (*p == ' ' || *p == ':')
    p++;
  return strtoul(p, 0, 10);
}

int main(void) {
  unsigned int total, freemem, buffers = 0, swap_total, swap_free;
  FILE *f = fopen("/proc/meminfo", "r");
  if (f) {
    static char text[4096];
    int n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n > 0 ? n : 0] = 0;
    total = meminfo(text, "MemTotal");
    freemem = meminfo(text, "MemFree");
    buffers = meminfo(text, "Buffers") + meminfo(text, "Cached");
    swap_total = meminfo(text, "SwapTotal");
    swap_free = meminfo(text, "SwapFree");
  } else {
    unsigned int info[16];
    unsigned int unit;
    int r = __sys_sysinfo(info);
    if (r < 0) {
      errno = -r;
      perror("free");
      return 1;
    }
    unit = info[13] ? info[13] : 1;
    total = info[4] * (unit / 1024);
    freemem = info[5] * (unit / 1024);
    buffers = info[7] * (unit / 1024);
    swap_total = info[8] * (unit / 1024);
    swap_free = info[9] * (unit / 1024);
  }
  printf("%15s %10s %10s %10s\n", "total", "used", "free", "buff/cache");
  printf("Mem:  %10u %10u %10u %10u\n", total, total - freemem - buffers, freemem, buffers);
  printf("Swap: %10u %10u %10u\n", swap_total, swap_total - swap_free, swap_free);
  return 0;
}
