/* getcwd.c: the getcwd system call (183) returns the length with the NUL
 * or -errno; POSIX getcwd returns buf or NULL with errno. */
#include <unistd.h>
#include <errno.h>

int __sys_getcwd(char *buf, unsigned int size);

char *getcwd(char *buf, size_t size) {
  int r = __sys_getcwd(buf, size);
  if (r < 0) {
    errno = -r;
    return 0;
  }
  return buf;
}
