/* sys_isatty.c: libc's system-layer __sys_isatty for the OS, until libc's
 * own sys/hako layer has it (then the linker takes libc's: see
 * toolchain/userland-build.ts). A file is a terminal when the TCGETS ioctl
 * succeeds on it, as on Linux. */
int __sys_ioctl(int fd, unsigned int cmd, unsigned int arg);

int __sys_isatty(int fd) {
  unsigned int termios[16];
  return __sys_ioctl(fd, 0x5401, (unsigned int)termios) >= 0;
}
