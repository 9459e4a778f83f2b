/* common.c: the output side of the OS benchmark programs (bench.h). Lines
 * go out with write(2) in one piece, so a mark reaches the console the
 * moment the program passes it, never later from a stdio buffer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "bench.h"

static void put_line(const char *text) {
  write(1, text, strlen(text));
}

void bench_mark(const char *label) {
  char line[96];
  snprintf(line, sizeof line, "@mark %s\n", label);
  put_line(line);
}

void bench_result(const char *name, int n, const char *const *keys, const unsigned *values) {
  char line[512];
  int used = snprintf(line, sizeof line, "@result %s", name);
  int i;
  for (i = 0; i < n && used < (int)sizeof line - 40; i++) {
    used += snprintf(line + used, sizeof line - used, " %s=%u", keys[i], values[i]);
  }
  snprintf(line + used, sizeof line - used, "\n");
  put_line(line);
}

void bench_result_per(const char *name, const char *count_key, const char *per_key, unsigned count, unsigned total) {
  const char *keys[3];
  unsigned values[3];
  keys[0] = count_key;
  keys[1] = "total";
  keys[2] = per_key;
  values[0] = count;
  values[1] = total;
  values[2] = total / count;
  bench_result(name, 3, keys, values);
}

void bench_fail(const char *name, const char *what) {
  char line[160];
  snprintf(line, sizeof line, "%s: failed: %s\n", name, what);
  write(2, line, strlen(line));
  exit(1);
}

unsigned bench_count(int argc, char **argv, unsigned fallback) {
  unsigned n = 0;
  const char *p;
  if (argc < 2) return fallback;
  for (p = argv[1]; *p; p++) {
    if (*p < '0' || *p > '9') return fallback;
    n = n * 10 + (unsigned)(*p - '0');
  }
  return n ? n : fallback;
}
