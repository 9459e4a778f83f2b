/* initgroups.c: initgroups(user, group) sets the supplementary groups to
 * getgrouplist's answer (root only: setgroups is privileged). */
#include <errno.h>
#include <grp.h>

#define GROUPS_MAX 32   /* the kernel's NGROUPS_MAX */

int initgroups(const char *user, gid_t group) {
  gid_t list[GROUPS_MAX];
  int n = GROUPS_MAX;
  if (getgrouplist(user, group, list, &n) < 0) {
    errno = EINVAL;
    return -1;
  }
  return setgroups((size_t)n, list);
}
