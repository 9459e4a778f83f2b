/* u_owner.c: what chown and chgrp share. An owner or group is written as a
 * name (/etc/passwd, /etc/group) or a number, the name winning when both
 * could be meant (GNU's order). A change applies lchown to a path: a
 * symbolic link itself, never what it points to, and with -R every entry
 * below a directory, depth first, links to directories not followed. The
 * kernel decides who may; each refusal is reported and the walk goes on. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <pwd.h>
#include <grp.h>
#include <sys/stat.h>
#include "ulib.h"

/* a number of only digits, in *out; -1 otherwise */
static int numeric_id(const char *s, unsigned *out) {
  char *end;
  *out = (unsigned)strtoul(s, &end, 10);
  return *s && !*end ? 0 : -1;
}

int u_parse_user(const char *s, unsigned *uid) {
  struct passwd *p = getpwnam(s);
  if (p) {
    *uid = p->pw_uid;
    return 0;
  }
  return numeric_id(s, uid);
}

int u_parse_group(const char *s, unsigned *gid) {
  struct group *g = getgrnam(s);
  if (g) {
    *gid = g->gr_gid;
    return 0;
  }
  return numeric_id(s, gid);
}

struct owner_change {
  const char *prog;
  const char *dir;   /* the directory whose entries the walk is at */
  unsigned uid, gid;
  int recursive;
};

static int change(const struct owner_change *c, const char *path);

static int change_entry(const char *name, void *arg) {
  const struct owner_change *c = arg;
  char *p = u_path_join(c->dir, name);
  int r = p ? change(c, p) : 1;
  free(p);
  return r;
}

static int change(const struct owner_change *c, const char *path) {
  struct stat st;
  int r = 0;
  if (lchown(path, (uid_t)c->uid, (gid_t)c->gid) != 0) {
    u_perror2(c->prog, path);
    r = 1;
  }
  if (c->recursive && lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
    struct owner_change below = *c;
    below.dir = path;
    r |= u_each_entry(c->prog, path, change_entry, &below);
  }
  return r;
}

int u_change_owner(const char *prog, const char *path, unsigned uid, unsigned gid, int recursive) {
  struct owner_change c;
  c.prog = prog;
  c.dir = path;
  c.uid = uid;
  c.gid = gid;
  c.recursive = recursive;
  return change(&c, path);
}
