/* u_may_overwrite.c: cp's and mv's -i, -n and -f, as GNU's: whether to
 * write over an existing target. Of the three the last given wins. A
 * missing target may always be written; -n keeps every existing one; -i
 * asks on stderr and takes a reply that starts with y or Y (end of input
 * is no). */
#include <stdio.h>
#include <sys/stat.h>
#include "ulib.h"

int u_overwrite_option(struct u_overwrite *o, int c) {
  if (c != 'i' && c != 'n' && c != 'f')
    return 0;
  o->interactive = c == 'i';
  o->no_clobber = c == 'n';
  return 1;
}

int u_may_overwrite(const char *prog, const char *to, const struct u_overwrite *o) {
  struct stat st;
  char reply[16];
  if (lstat(to, &st) < 0)
    return 1;
  if (o->no_clobber)
    return 0;
  if (!o->interactive)
    return 1;
  fprintf(stderr, "%s: overwrite '%s'? ", prog, to);
  if (!fgets(reply, sizeof reply, stdin))
    return 0;
  return reply[0] == 'y' || reply[0] == 'Y';
}
