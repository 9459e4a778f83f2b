/* pmap PID: the process's memory map from /proc/PID/maps in pmap's style —
 * address, size in KiB, permissions, mapping name ([ anon ] when none) —
 * under a "PID:   NAME" header, and a total line. Exit 1 when the process or its maps cannot be read. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ulib.h"

/* The command name between the parentheses of /proc/PID/stat ("?" when
 * unreadable), for the header line as pmap prints it. */
static const char *command_name(const char *pid) {
  static char stat[256];
  char path[64];
  char *open_paren, *close_paren;
  snprintf(path, sizeof path, "/proc/%s/stat", pid);
  if (u_read_text(path, stat, sizeof stat) < 0) return "?";
  open_paren = strchr(stat, '(');
  close_paren = strrchr(stat, ')');
  if (!open_paren || !close_paren || close_paren < open_paren) return "?";
  *close_paren = 0;
  return open_paren + 1;
}

int main(int argc, char **argv) {
  char path[64];
  char line[256];
  unsigned int total = 0;
  FILE *f;
  if (argc != 2) {
    fprintf(stderr, "usage: pmap PID\n");
    return 1;
  }
  snprintf(path, sizeof path, "/proc/%s/maps", argv[1]);
  f = fopen(path, "r");
  if (!f) {
    fprintf(stderr, "pmap: cannot read %s\n", path);
    return 1;
  }
  printf("%s:   %s\n", argv[1], command_name(argv[1]));
  while (fgets(line, sizeof line, f)) {
    unsigned int start = strtoul(line, 0, 16);
    char *dash = strchr(line, '-');
    char *perms, *name, *nl;
    unsigned int end, kib, field;
    if (!dash || strlen(line) < 23) continue;
    end = strtoul(dash + 1, 0, 16);
    perms = dash + 10;
    perms[4] = 0;
    /* the name follows the fifth field (offset dev inode after perms) */
    name = perms + 5;
    for (field = 0; field < 3 && *name; field++) {
      while (*name && *name != ' ') name++;
      while (*name == ' ') name++;
    }
    nl = strchr(name, '\n');
    if (nl) *nl = 0;
    kib = (end - start) / 1024;
    total += kib;
    printf("%08x %6uK %s   %s\n", start, kib, perms, *name ? name : "[ anon ]");
  }
  fclose(f);
  printf(" total %8uK\n", total);
  return 0;
}
