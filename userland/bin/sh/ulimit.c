/* ulimit.c: the ulimit builtin, bash's syntax over getrlimit/setrlimit.
 *
 *   ulimit [-H|-S] [-a | -c|-d|-f|-n|-s|-t|-u|-v ...] [VALUE|unlimited]
 *
 * Without -H or -S a new value sets both limits and a query shows the
 * soft one; no resource letter means -f. Sizes are in 1024-byte units
 * (bash's, outside POSIX mode), -t in seconds, -n and -u counts. It runs
 * in the shell itself, so the limits hold for every later command. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sys/resource.h>
#include "sh.h"

struct limit_kind {
  char opt;
  int resource;
  unsigned unit;          /* bytes per displayed unit */
  const char *desc, *units;
};

static const struct limit_kind kinds[] = {
  { 'c', RLIMIT_CORE, 1024, "core file size", "blocks" },
  { 'd', RLIMIT_DATA, 1024, "data seg size", "kbytes" },
  { 'f', RLIMIT_FSIZE, 1024, "file size", "blocks" },
  { 'u', RLIMIT_NPROC, 1, "max user processes", 0 },
  { 'n', RLIMIT_NOFILE, 1, "open files", 0 },
  { 's', RLIMIT_STACK, 1024, "stack size", "kbytes" },
  { 't', RLIMIT_CPU, 1, "cpu time", "seconds" },
  { 'v', RLIMIT_AS, 1024, "virtual memory", "kbytes" },
  { 0, 0, 0, 0, 0 },
};

static const struct limit_kind *kind_of(char opt) {
  int i;
  for (i = 0; kinds[i].opt; i++)
    if (kinds[i].opt == opt)
      return &kinds[i];
  return 0;
}

static void show(const struct limit_kind *k, int hard, int labelled) {
  struct rlimit r;
  unsigned v;
  if (getrlimit(k->resource, &r) != 0)
    return;
  v = hard ? r.rlim_max : r.rlim_cur;
  if (labelled) {
    char label[64];
    if (k->units)
      sprintf(label, "(%s, -%c)", k->units, k->opt);
    else
      sprintf(label, "(-%c)", k->opt);
    printf("%-*s%s ", 36 - (int)strlen(label), k->desc, label);
  }
  if (v == RLIM_INFINITY)
    printf("unlimited\n");
  else
    printf("%u\n", v / k->unit);
}

static int set(const struct limit_kind *k, int hard, int soft, const char *value) {
  struct rlimit r;
  unsigned v;
  if (strcmp(value, "unlimited") == 0) {
    v = RLIM_INFINITY;
  } else {
    char *end;
    unsigned long n;
    errno = 0;
    n = strtoul(value, &end, 10);
    if (*value < '0' || *value > '9' || *end || errno || n > RLIM_INFINITY / k->unit) {
      fprintf(stderr, "sh: ulimit: %s: invalid number\n", value);
      return 1;
    }
    v = (unsigned)n * k->unit;
  }
  if (getrlimit(k->resource, &r) != 0)
    return 1;
  if (hard)
    r.rlim_max = v;
  if (soft)
    r.rlim_cur = v;
  if (setrlimit(k->resource, &r) != 0) {
    fprintf(stderr, "sh: ulimit: %s: cannot modify limit: %s\n", k->desc, strerror(errno));
    return 1;
  }
  return 0;
}

int builtin_ulimit(int argc, char **argv) {
  const struct limit_kind *chosen[16];
  int nchosen = 0;
  int hard = 0, soft = 0, all = 0;
  int i, j, status = 0;
  const char *value = 0;
  for (i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (a[0] != '-' || a[1] == 0) {
      if (value) {
        fprintf(stderr, "sh: ulimit: too many arguments\n");
        return 2;
      }
      value = a;
      continue;
    }
    for (j = 1; a[j]; j++) {
      const struct limit_kind *k;
      if (a[j] == 'H')
        hard = 1;
      else if (a[j] == 'S')
        soft = 1;
      else if (a[j] == 'a')
        all = 1;
      else if ((k = kind_of(a[j])) != 0 && nchosen < 16)
        chosen[nchosen++] = k;
      else {
        fprintf(stderr, "sh: ulimit: -%c: invalid option\n", a[j]);
        fprintf(stderr, "ulimit: usage: ulimit [-SHacdfnstuv] [limit]\n");
        return 2;
      }
    }
  }
  if (all) {
    for (i = 0; kinds[i].opt; i++)
      show(&kinds[i], hard && !soft, 1);
    return write_error_check("ulimit");
  }
  if (nchosen == 0)
    chosen[nchosen++] = kind_of('f');
  if (value) {
    if (!hard && !soft)
      hard = soft = 1;
    for (i = 0; i < nchosen; i++)
      status |= set(chosen[i], hard, soft, value);
    return status;
  }
  for (i = 0; i < nchosen; i++)
    show(chosen[i], hard && !soft, nchosen > 1);
  return write_error_check("ulimit");
}
