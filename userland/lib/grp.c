/* grp.c: the group database, /etc/group (grp.h), and the supplementary
 * groups of a user (getgrouplist; initgroups is in sys/hako/). Malformed
 * lines are skipped. */
#include <grp.h>
#include <stdio.h>
#include <string.h>
#include "dbfile.h"

#define GROUP_FILE "/etc/group"
#define MAX_MEMBERS 64

static FILE *db;
static char line[1024];
static char *members[MAX_MEMBERS + 1];
static struct group entry;

void setgrent(void) {
  if (db)
    rewind(db);
}

void endgrent(void) {
  if (db)
    fclose(db);
  db = NULL;
}

static void split_members(char *list) {
  int n = 0;
  while (*list && n < MAX_MEMBERS) {
    char *comma = strchr(list, ',');
    if (comma)
      *comma = 0;
    if (*list)
      members[n++] = list;
    if (!comma)
      break;
    list = comma + 1;
  }
  members[n] = NULL;
}

struct group *getgrent(void) {
  char *f[4];
  unsigned long gid;
  if (!db)
    db = fopen(GROUP_FILE, "r");
  if (!db)
    return NULL;
  while (__db_line(db, line, sizeof line)) {
    if (!__db_split(line, f, 4) || __db_number(f[2], &gid) < 0)
      continue;
    entry.gr_name = f[0];
    entry.gr_passwd = f[1];
    entry.gr_gid = (gid_t)gid;
    split_members(f[3]);
    entry.gr_mem = members;
    return &entry;
  }
  return NULL;
}

struct group *getgrnam(const char *name) {
  struct group *g;
  setgrent();
  while ((g = getgrent()) != NULL && strcmp(g->gr_name, name) != 0)
    ;
  endgrent();
  return g;
}

struct group *getgrgid(gid_t gid) {
  struct group *g;
  setgrent();
  while ((g = getgrent()) != NULL && g->gr_gid != gid)
    ;
  endgrent();
  return g;
}

static int member(struct group *g, const char *user) {
  char **m;
  for (m = g->gr_mem; *m; m++)
    if (strcmp(*m, user) == 0)
      return 1;
  return 0;
}

int getgrouplist(const char *user, gid_t group, gid_t *groups, int *ngroups) {
  struct group *g;
  int n = 0;
  if (n < *ngroups)
    groups[n] = group;
  n++;
  setgrent();
  while ((g = getgrent()) != NULL) {
    int i, dup = 0;
    if (!member(g, user))
      continue;
    for (i = 0; i < n && i < *ngroups; i++)
      if (groups[i] == g->gr_gid)
        dup = 1;
    if (dup)
      continue;
    if (n < *ngroups)
      groups[n] = g->gr_gid;
    n++;
  }
  endgrent();
  if (n > *ngroups) {
    *ngroups = n;
    return -1;
  }
  *ngroups = n;
  return n;
}
