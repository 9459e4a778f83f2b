/* u_proc.c: what the memory tools (free, vmstat, pmap) share for reading /proc's
 * text files — the whole file into a caller's buffer (always NUL-ended) and
 * the figure after a key at the start of a line, in meminfo's "Key:   N kB"
 * or vmstat's "key N" form. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ulib.h"

int u_read_text(const char *path, char *buf, int size) {
  FILE *f = fopen(path, "r");
  int n;
  if (!f)
    return -1;
  n = fread(buf, 1, size - 1, f);
  fclose(f);
  if (n < 0)
    n = 0;
  buf[n] = 0;
  return n;
}

unsigned int u_text_number(const char *text, const char *key) {
  unsigned int len = strlen(key);
  const char *p = text;
  while (p && *p) {
    if (strncmp(p, key, len) == 0 && (p[len] == ' ' || p[len] == ':')) {
      p += len;
      while (*p == ' ' || *p == ':')
        p++;
      return strtoul(p, 0, 10);
    }
    p = strchr(p, '\n');
    if (p)
      p++;
  }
  return 0;
}

long u_proc_kb(const char *path, const char *key) {
  char line[128];
  long kb = -1;
  int n = strlen(key);
  FILE *f = fopen(path, "r");
  if (!f)
    return -1;
  while (fgets(line, sizeof line, f))
    if (strncmp(line, key, n) == 0 && line[n] == ':')
      kb = atol(line + n + 1);
  fclose(f);
  return kb;
}
