/* eventfd.c: eventfd(3) over the eventfd2 system call, and glibc's
 * eventfd_read/eventfd_write (one 8-byte read or write; a short count
 * cannot happen, so anything but 8 is an error). */
#include <sys/eventfd.h>
#include <unistd.h>
#include <errno.h>

long __sys_eventfd2(unsigned int initval, int flags);

int eventfd(unsigned int initval, int flags) {
  long r = __sys_eventfd2(initval, flags);
  if (r < 0) {
    errno = -(int)r;
    return -1;
  }
  return (int)r;
}

int eventfd_read(int fd, eventfd_t *value) {
  return read(fd, value, sizeof *value) == (int)sizeof *value ? 0 : -1;
}

int eventfd_write(int fd, eventfd_t value) {
  return write(fd, &value, sizeof value) == (int)sizeof value ? 0 : -1;
}
