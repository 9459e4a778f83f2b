/* sys.h: the system layer, the only way libc reaches outside the process.
 *
 * Every other libc file is plain C over these functions, so the same libc
 * serves two worlds:
 *   sys/bare/  the bare machine (ring 0, no kernel): UART console, the
 *              power-off port for exit, the RAM above the program for sbrk;
 *   sys/hako/  the Hako OS: int 0x80 stubs (written with the kernel).
 * Contract: functions return a result >= 0 or a negative errno value
 * (-ENOSYS when the world has no such thing); they never touch `errno`
 * themselves, libc's callers do. __sys_sbrk returns the old break, or
 * (void *)-1 when the memory cannot be had. */
#ifndef _LIBC_SYS_H
#define _LIBC_SYS_H

long __sys_read(int fd, void *buf, unsigned long n);
long __sys_write(int fd, const void *buf, unsigned long n);
long __sys_open(const char *path, int flags, int mode);
long __sys_close(int fd);
long __sys_lseek(int fd, long offset, int whence);
/* Directory records, Linux i386's struct linux_dirent: u32 d_ino, u32 d_off,
 * u16 d_reclen, the NUL-terminated name, the file type in the last byte. */
long __sys_getdents(int fd, void *buf, unsigned long n);
/* 1 when fd is a terminal (decides stdout's line buffering), else 0. */
int __sys_isatty(int fd);
void *__sys_sbrk(long incr);
/* Ends the calling thread (the process, when it is the last); never
 * returns. */
void __sys_exit(int status);
/* Ends the process, every thread of it, with the status; never returns. */
void __sys_exit_group(int status);
/* The thread pointer (rdtp): the calling thread's TLS block (tls.h), or
 * 0 where nothing set one. */
void *__get_tp(void);

#endif
