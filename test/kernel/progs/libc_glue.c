/* The two functions of libc's system layer (userland/lib/sys.h) that are
 * not plain system calls, for the kernel tests only, until libc's own
 * sys/hako layer has them: isatty through TCGETS, sbrk through brk. */
int __sys_ioctl(int fd, unsigned cmd, unsigned arg);
int __sys_brk(unsigned addr);

int __sys_isatty(int fd) {
  unsigned termios[9];
  return __sys_ioctl(fd, 0x5401, (unsigned)termios) == 0;
}

void *__sys_sbrk(long incr) {
  unsigned old = (unsigned)__sys_brk(0);
  unsigned want = old + (unsigned)incr;
  if (incr == 0) return (void *)old;
  if ((unsigned)__sys_brk(want) != want) return (void *)-1;
  return (void *)old;
}
