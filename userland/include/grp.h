/* grp.h: the group database, /etc/group (userland/lib/grp.c). Lines are
 * name:password:gid:member,member,... as on Linux. */
#ifndef _GRP_H
#define _GRP_H

#include <stddef.h>
#include <sys/types.h>

struct group {
  char *gr_name;
  char *gr_passwd;
  gid_t gr_gid;
  char **gr_mem;   /* NULL-terminated */
};

/* The results point into one static entry, overwritten by the next call. */
struct group *getgrnam(const char *name);
struct group *getgrgid(gid_t gid);
void setgrent(void);
struct group *getgrent(void);
void endgrent(void);
/* The groups of user: group first, then every group listing user as a
 * member. Stores at most *ngroups and returns their number, or -1 with
 * *ngroups set to the number needed when the array is too small. */
int getgrouplist(const char *user, gid_t group, gid_t *groups, int *ngroups);
/* setgroups(getgrouplist(user, group)): root only. */
int initgroups(const char *user, gid_t group);
int setgroups(size_t size, const gid_t *list);

#endif
