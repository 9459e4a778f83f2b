/* pwd.h: the user database, /etc/passwd (userland/lib/pwd.c). Lines are
 * name:password:uid:gid:gecos:home:shell, as on Linux. */
#ifndef _PWD_H
#define _PWD_H

#include <sys/types.h>

struct passwd {
  char *pw_name;
  char *pw_passwd;
  uid_t pw_uid;
  gid_t pw_gid;
  char *pw_gecos;
  char *pw_dir;
  char *pw_shell;
};

/* The results point into one static entry, overwritten by the next call. */
struct passwd *getpwnam(const char *name);
struct passwd *getpwuid(uid_t uid);
void setpwent(void);
struct passwd *getpwent(void);
void endpwent(void);

#endif
