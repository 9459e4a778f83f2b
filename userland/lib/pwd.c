/* pwd.c: the user database, /etc/passwd (pwd.h). Malformed lines are
 * skipped, as glibc's files backend does. */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dbfile.h"

#define PASSWD_FILE "/etc/passwd"

static FILE *db;
static char line[512];
static struct passwd entry;

void setpwent(void) {
  if (db)
    rewind(db);
}

void endpwent(void) {
  if (db)
    fclose(db);
  db = NULL;
}

struct passwd *getpwent(void) {
  char *f[7];
  unsigned long uid, gid;
  if (!db)
    db = fopen(PASSWD_FILE, "r");
  if (!db)
    return NULL;
  while (__db_line(db, line, sizeof line)) {
    if (!__db_split(line, f, 7) || __db_number(f[2], &uid) < 0 || __db_number(f[3], &gid) < 0)
      continue;
    entry.pw_name = f[0];
    entry.pw_passwd = f[1];
    entry.pw_uid = (uid_t)uid;
    entry.pw_gid = (gid_t)gid;
    entry.pw_gecos = f[4];
    entry.pw_dir = f[5];
    entry.pw_shell = f[6];
    return &entry;
  }
  return NULL;
}

struct passwd *getpwnam(const char *name) {
  struct passwd *p;
  setpwent();
  while ((p = getpwent()) != NULL && strcmp(p->pw_name, name) != 0)
    ;
  endpwent();
  return p;
}

struct passwd *getpwuid(uid_t uid) {
  struct passwd *p;
  setpwent();
  while ((p = getpwent()) != NULL && p->pw_uid != uid)
    ;
  endpwent();
  return p;
}
