/* unistd.c: the unistd.h functions that are libc over the system layer
 * rather than system calls of their own: sbrk and isatty. */
#include <unistd.h>
#include <errno.h>
#include "sys.h"

void *sbrk(long incr) {
  void *old = __sys_sbrk(incr);
  if (old == (void *)-1)
    errno = ENOMEM;
  return old;
}

int isatty(int fd) {
  if (__sys_isatty(fd) > 0)
    return 1;
  errno = ENOTTY;
  return 0;
}
