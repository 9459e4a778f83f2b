/* deluser: remove a user (root only).
 *   deluser [--remove-home] NAME
 * Removes NAME's lines from /etc/passwd and /etc/shadow, its own group
 * (the one named NAME with its gid) from /etc/group, and NAME from the
 * member lists of the other groups; --remove-home also removes its home
 * directory (rm -r). root cannot be removed. */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>
#include <pwd.h>
#include <sys/wait.h>
#include "ulib.h"

struct target {
  char name[32];
  unsigned gid;
};

static int drop_user(char *line, int size, void *arg) {
  (void)size;
  return !u_etc_first_field_is(line, ((struct target *)arg)->name);
}

/* The user's own group goes; every member list loses the user. */
static int edit_group(char *line, int size, void *arg) {
  struct target *t = (struct target *)arg;
  char out[1024];
  char *members;
  char *m;
  int i, n;
  if (u_etc_first_field_is(line, t->name)) {
    char *p = strchr(line, ':');
    p = p ? strchr(p + 1, ':') : 0;
    if (p && (unsigned)atoi(p + 1) == t->gid)
      return 0;
  }
  members = line;
  for (i = 0; i < 3 && members; i++) {
    members = strchr(members, ':');
    if (members)
      members++;
  }
  if (!members)
    return 1;
  n = (int)(members - line);
  memcpy(out, line, n);
  out[n] = 0;
  m = members;
  while (*m) {
    char *comma = strchr(m, ',');
    int len = comma ? (int)(comma - m) : (int)strlen(m);
    if (!(len == (int)strlen(t->name) && strncmp(m, t->name, len) == 0)) {
      if (out[n - 1] != ':')
        strcat(out, ",");
      strncat(out, m, len);
      n = (int)strlen(out);
    }
    m += len;
    if (*m == ',')
      m++;
  }
  strncpy(line, out, size - 1);
  line[size - 1] = 0;
  return 1;
}

int main(int argc, char **argv) {
  struct target t;
  struct passwd *pw;
  char home[128];
  int remove_home = 0;
  int i = 1;
  if (argc > 1 && strcmp(argv[1], "--remove-home") == 0) {
    remove_home = 1;
    i++;
  }
  if (i + 1 != argc) {
    fprintf(stderr, "usage: deluser [--remove-home] NAME\n");
    return 1;
  }
  if (geteuid() != 0) {
    fprintf(stderr, "deluser: Only root may remove a user from the system.\n");
    return 1;
  }
  pw = getpwnam(argv[i]);
  if (!pw) {
    fprintf(stderr, "deluser: The user '%s' does not exist.\n", argv[i]);
    return 1;
  }
  if (pw->pw_uid == 0) {
    fprintf(stderr, "deluser: refusing to remove the root account\n");
    return 1;
  }
  strncpy(t.name, pw->pw_name, sizeof t.name - 1);
  t.name[sizeof t.name - 1] = 0;
  t.gid = pw->pw_gid;
  strncpy(home, pw->pw_dir, sizeof home - 1);
  home[sizeof home - 1] = 0;
  if (u_etc_edit("/etc/passwd", drop_user, &t, 0) != 0 || u_etc_edit("/etc/shadow", drop_user, &t, 0) != 0 ||
      u_etc_edit("/etc/group", edit_group, &t, 0) != 0) {
    perror("deluser");
    return 1;
  }
  if (remove_home && strcmp(home, "/") != 0) {
    int pid = fork();
    if (pid == 0) {
      char *rm[4];
      rm[0] = "rm";
      rm[1] = "-r";
      rm[2] = home;
      rm[3] = 0;
      execve("/bin/rm", rm, environ);
      _exit(127);
    }
    if (pid > 0)
      waitpid(pid, 0, 0);
  }
  printf("deluser: removed user %s\n", t.name);
  return 0;
}
