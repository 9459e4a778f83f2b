/* sys/stat.h: file status and modes. struct stat is Linux i386's (the
 * 64-byte one that stat/lstat/fstat, system calls 106-108, fill), so it
 * matches the kernel's (kernel/sys/sys_open.c). Declarations only for now:
 * the functions are system-call stubs (userland/lib/sys/hako). */
#ifndef _SYS_STAT_H
#define _SYS_STAT_H

#include <sys/types.h>

#include <hako/stat.h>

int stat(const char *path, struct stat *st);
int lstat(const char *path, struct stat *st);
int fstat(int fd, struct stat *st);
int mkdir(const char *path, mode_t mode);
int chmod(const char *path, mode_t mode);
int fchmod(int fd, mode_t mode);
mode_t umask(mode_t mask);

#endif
