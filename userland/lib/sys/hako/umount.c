/* umount.c: umount(path), which glibc makes umount2(path, 0) (system
 * call 52; Linux's old umount, 22, takes no flags). */
#include <sys/mount.h>

int umount(const char *target) {
  return umount2(target, 0);
}
