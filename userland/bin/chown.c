/* chown: change the owner (and group) of files.
 *   chown [-R] OWNER[:GROUP] FILE...    chown [-R] :GROUP FILE...
 * OWNER and GROUP are names from /etc/passwd and /etc/group or numbers.
 * -R walks directories (without following symbolic links to them).
 * The kernel decides who may (Linux: root changes owners; an owner may
 * change the group to one of its own groups). u_owner.c does the work,
 * shared with chgrp. */
#include <stdio.h>
#include <string.h>
#include "ulib.h"

int main(int argc, char **argv) {
  char spec[128];
  char *colon;
  unsigned uid = (unsigned)-1, gid = (unsigned)-1;
  int i = 1, r = 0, recursive = 0;
  if (argc > 1 && strcmp(argv[1], "-R") == 0) {
    recursive = 1;
    i++;
  }
  if (argc - i < 2) {
    fprintf(stderr, "usage: chown [-R] OWNER[:GROUP] FILE...\n");
    return 1;
  }
  strncpy(spec, argv[i++], sizeof spec - 1);
  spec[sizeof spec - 1] = 0;
  colon = strchr(spec, ':');
  if (colon) {
    *colon = 0;
    if (colon[1] && u_parse_group(colon + 1, &gid) != 0) {
      fprintf(stderr, "chown: invalid group: '%s'\n", colon + 1);
      return 1;
    }
  }
  if (spec[0] && u_parse_user(spec, &uid) != 0) {
    fprintf(stderr, "chown: invalid user: '%s'\n", spec);
    return 1;
  }
  for (; i < argc; i++)
    r |= u_change_owner("chown", argv[i], uid, gid, recursive);
  return r;
}
