/* mmap.c: POSIX mmap over the mmap2 system call (192), which takes the file
 * offset in 4 KiB pages: an offset that is not a multiple of the page size
 * (or is negative) is EINVAL here, as on Linux. The kernel returns the
 * address or -errno; an address in the last 4 KiB of the address space
 * cannot be a mapping, so those values are errors. */
#include <sys/mman.h>
#include <errno.h>

unsigned long __sys_mmap2(unsigned long addr, unsigned long len, unsigned long prot, unsigned long flags,
                          int fd, unsigned long pgoff);

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t offset) {
  unsigned long r;
  if (offset < 0 || (offset & 4095) != 0) {
    errno = EINVAL;
    return MAP_FAILED;
  }
  r = __sys_mmap2((unsigned long)addr, len, prot, flags, fd, (unsigned long)offset >> 12);
  if (r > 0xFFFFF000UL) {
    errno = -(int)r;
    return MAP_FAILED;
  }
  return (void *)r;
}
