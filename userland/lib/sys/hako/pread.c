/* pread.c: pread and pwrite (a 32-bit off_t) over the kernel's pread64
 * and pwrite64, whose position is two words: the offset sign-extended. */
#include <errno.h>
#include <unistd.h>

int __sys_pread64(int fd, void *buf, unsigned int n, unsigned int pos_low, unsigned int pos_high);
int __sys_pwrite64(int fd, const void *buf, unsigned int n, unsigned int pos_low, unsigned int pos_high);

static ssize_t result(int r) {
  if (r < 0) {
    errno = -r;
    return -1;
  }
  return r;
}

ssize_t pread(int fd, void *buf, size_t n, off_t offset) {
  return result(__sys_pread64(fd, buf, n, (unsigned int)offset, offset < 0 ? 0xFFFFFFFFu : 0));
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t offset) {
  return result(__sys_pwrite64(fd, buf, n, (unsigned int)offset, offset < 0 ? 0xFFFFFFFFu : 0));
}
