/* chgrp: change the group of files.
 *   chgrp [-R] GROUP FILE...
 * GROUP is a name from /etc/group or a number; -R walks directories
 * (without following symbolic links to them). The kernel decides who may
 * (u_owner.c does the work, shared with chown). */
#include <stdio.h>
#include <string.h>
#include "ulib.h"

int main(int argc, char **argv) {
  unsigned gid;
  int i = 1, r = 0, recursive = 0;
  if (argc > 1 && strcmp(argv[1], "-R") == 0) {
    recursive = 1;
    i++;
  }
  if (argc - i < 2) {
    fprintf(stderr, "usage: chgrp [-R] GROUP FILE...\n");
    return 1;
  }
  if (u_parse_group(argv[i], &gid) != 0) {
    fprintf(stderr, "chgrp: invalid group: '%s'\n", argv[i]);
    return 1;
  }
  for (i++; i < argc; i++)
    r |= u_change_owner("chgrp", argv[i], (unsigned)-1, gid, recursive);
  return r;
}
