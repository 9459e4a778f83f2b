/* adduser: add a user (root only).
 *   adduser [-u UID] [-s SHELL] NAME
 * Appends NAME to /etc/passwd (uid UID, or the next free one from 1000),
 * a group of the same name to /etc/group (gid = uid when free), a locked
 * entry ("!") to /etc/shadow — `passwd NAME` sets the password — and makes
 * the home directory /home/NAME (0755, owned by the user). */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>
#include <time.h>
#include <pwd.h>
#include <grp.h>
#include <sys/stat.h>
#include "ulib.h"

#define FIRST_UID 1000
#define LAST_UID 59999

static int valid_name(const char *s) {
  int i;
  if (!(s[0] == '_' || (s[0] >= 'a' && s[0] <= 'z')))
    return 0;
  for (i = 0; s[i]; i++) {
    char c = s[i];
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
      return 0;
  }
  return i <= 31;
}

static unsigned next_free_uid(void) {
  unsigned id;
  for (id = FIRST_UID; id <= LAST_UID; id++)
    if (!getpwuid(id))
      return id;
  return 0;
}

static unsigned next_free_gid(unsigned want) {
  unsigned id;
  if (!getgrgid(want))
    return want;
  for (id = FIRST_UID; id <= LAST_UID; id++)
    if (!getgrgid(id))
      return id;
  return 0;
}

int main(int argc, char **argv) {
  unsigned uid = 0, gid;
  const char *shell = "/bin/sh";
  const char *name;
  char line[256];
  char home[64];
  int c;
  while ((c = getopt(argc, argv, "u:s:")) != -1) {
    if (c == 'u')
      uid = (unsigned)atoi(optarg);
    else if (c == 's')
      shell = optarg;
    else {
      fprintf(stderr, "usage: adduser [-u UID] [-s SHELL] NAME\n");
      return 1;
    }
  }
  if (optind + 1 != argc) {
    fprintf(stderr, "usage: adduser [-u UID] [-s SHELL] NAME\n");
    return 1;
  }
  name = argv[optind];
  if (geteuid() != 0) {
    fprintf(stderr, "adduser: Only root may add a user to the system.\n");
    return 1;
  }
  if (!valid_name(name)) {
    fprintf(stderr, "adduser: '%s' is not a valid user name (a-z, 0-9, _ and -, starting with a letter or _)\n", name);
    return 1;
  }
  if (getpwnam(name) || getgrnam(name)) {
    fprintf(stderr, "adduser: the user or group '%s' already exists\n", name);
    return 1;
  }
  if (uid == 0)
    uid = next_free_uid();
  else if (getpwuid(uid)) {
    fprintf(stderr, "adduser: uid %u is taken\n", uid);
    return 1;
  }
  gid = next_free_gid(uid);
  if (uid == 0 || gid == 0) {
    fprintf(stderr, "adduser: no free user or group id\n");
    return 1;
  }
  snprintf(home, sizeof home, "/home/%s", name);
  snprintf(line, sizeof line, "%s:x:%u:", name, gid);
  if (u_etc_edit("/etc/group", 0, 0, line) != 0) {
    perror("adduser: /etc/group");
    return 1;
  }
  snprintf(line, sizeof line, "%s:x:%u:%u:%s:%s:%s", name, uid, gid, name, home, shell);
  if (u_etc_edit("/etc/passwd", 0, 0, line) != 0) {
    perror("adduser: /etc/passwd");
    return 1;
  }
  snprintf(line, sizeof line, "%s:!:%ld:0:99999:7:::", name, (long)(time(0) / 86400));
  if (u_etc_edit("/etc/shadow", 0, 0, line) != 0) {
    perror("adduser: /etc/shadow");
    return 1;
  }
  if (mkdir(home, 0755) != 0 || chown(home, uid, gid) != 0)
    fprintf(stderr, "adduser: warning: cannot make %s\n", home);
  printf("adduser: added user %s (uid %u, gid %u, home %s); set a password with: passwd %s\n", name, uid, gid, home,
         name);
  return 0;
}
