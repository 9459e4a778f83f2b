/* chgrp: change the group of files.
 *   chgrp [-R] GROUP FILE...
 * GROUP is a name from /etc/group or a number; -R walks directories
 * (without following symbolic links to them). The kernel decides who may. */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>
#include <grp.h>
#include <sys/stat.h>
#include "ulib.h"

static int recursive;
static gid_t new_gid;

static int change(const char *path);

static int child(const char *name, void *dir) {
  char *p = u_path_join((const char *)dir, name);
  int r = p ? change(p) : 1;
  free(p);
  return r;
}

static int change(const char *path) {
  struct stat st;
  int r = 0;
  if (lchown(path, (uid_t)-1, new_gid) != 0) {
    u_perror2("chgrp", path);
    r = 1;
  }
  if (recursive && lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
    r |= u_each_entry("chgrp", path, child, (void *)path);
  return r;
}

int main(int argc, char **argv) {
  struct group *g;
  char *end;
  int i = 1, r = 0;
  if (argc > 1 && strcmp(argv[1], "-R") == 0) {
    recursive = 1;
    i++;
  }
  if (argc - i < 2) {
    fprintf(stderr, "usage: chgrp [-R] GROUP FILE...\n");
    return 1;
  }
  g = getgrnam(argv[i]);
  if (g) {
    new_gid = g->gr_gid;
  } else {
    new_gid = (gid_t)strtoul(argv[i], &end, 10);
    if (!argv[i][0] || *end) {
      fprintf(stderr, "chgrp: invalid group: '%s'\n", argv[i]);
      return 1;
    }
  }
  for (i++; i < argc; i++)
    r |= change(argv[i]);
  return r;
}
