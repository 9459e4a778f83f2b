/* rlimit.c: getrlimit over ugetrlimit (191), as glibc on i386 — the old
 * getrlimit (76) reports infinity as LONG_MAX, which RLIM_INFINITY is not. */
#include <sys/resource.h>
#include <errno.h>

int __sys_ugetrlimit(int resource, struct rlimit *rlim);

int getrlimit(int resource, struct rlimit *rlim) {
  int r = __sys_ugetrlimit(resource, rlim);
  if (r < 0) {
    errno = -r;
    return -1;
  }
  return 0;
}
