/* chown: change the owner (and group) of files.
 *   chown [-R] OWNER[:GROUP] FILE...    chown [-R] :GROUP FILE...
 * OWNER and GROUP are names from /etc/passwd and /etc/group or numbers.
 * -R walks directories (without following symbolic links to them).
 * The kernel decides who may (Linux: root changes owners; an owner may
 * change the group to one of its own groups). */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>
#include <pwd.h>
#include <grp.h>
#include <sys/stat.h>
#include "ulib.h"

static int recursive;
static uid_t new_uid;
static gid_t new_gid;

static int parse_id(const char *s, int is_group, unsigned *out) {
  char *end;
  if (is_group) {
    struct group *g = getgrnam(s);
    if (g) {
      *out = g->gr_gid;
      return 0;
    }
  } else {
    struct passwd *p = getpwnam(s);
    if (p) {
      *out = p->pw_uid;
      return 0;
    }
  }
  *out = (unsigned)strtoul(s, &end, 10);
  return *s && !*end ? 0 : -1;
}

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
  if (lchown(path, new_uid, new_gid) != 0) {
    u_perror2("chown", path);
    r = 1;
  }
  if (recursive && lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
    r |= u_each_entry("chown", path, child, (void *)path);
  return r;
}

int main(int argc, char **argv) {
  char spec[128];
  char *colon;
  unsigned id;
  int i = 1, r = 0;
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
  new_uid = (uid_t)-1;
  new_gid = (gid_t)-1;
  colon = strchr(spec, ':');
  if (colon) {
    *colon = 0;
    if (colon[1]) {
      if (parse_id(colon + 1, 1, &id) != 0) {
        fprintf(stderr, "chown: invalid group: '%s'\n", colon + 1);
        return 1;
      }
      new_gid = id;
    }
  }
  if (spec[0]) {
    if (parse_id(spec, 0, &id) != 0) {
      fprintf(stderr, "chown: invalid user: '%s'\n", spec);
      return 1;
    }
    new_uid = id;
  }
  for (; i < argc; i++)
    r |= change(argv[i]);
  return r;
}
