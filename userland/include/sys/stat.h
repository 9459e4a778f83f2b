/* sys/stat.h: file status and modes. struct stat is Linux i386's (the
 * 64-byte one that stat/lstat/fstat, system calls 106-108, fill), so it
 * matches the kernel's (kernel/sys/sys_stat.c). Declarations only for now:
 * the functions are system-call stubs (userland/lib/sys/hako). */
#ifndef _SYS_STAT_H
#define _SYS_STAT_H

#include <sys/types.h>

#include <hako/stat.h>

#include <time.h>

int stat(const char *path, struct stat *st);
int lstat(const char *path, struct stat *st);
int fstat(int fd, struct stat *st);
int fstatat(int dirfd, const char *path, struct stat *st, int flags);
/* struct stat64 (hako/stat.h): 32-bit ids, 64-bit sizes (195-197, 300). */
int stat64(const char *path, struct stat64 *st);
int lstat64(const char *path, struct stat64 *st);
int fstat64(int fd, struct stat64 *st);
int fstatat64(int dirfd, const char *path, struct stat64 *st, int flags);
int mkdir(const char *path, mode_t mode);
int mkdirat(int dirfd, const char *path, mode_t mode);
int mknod(const char *path, mode_t mode, dev_t dev);
int mknodat(int dirfd, const char *path, mode_t mode, dev_t dev);
int mkfifo(const char *path, mode_t mode);
int mkfifoat(int dirfd, const char *path, mode_t mode);
int chmod(const char *path, mode_t mode);
int fchmod(int fd, mode_t mode);
int fchmodat(int dirfd, const char *path, mode_t mode, int flags);
int utimensat(int dirfd, const char *path, const struct timespec times[2], int flags);
int futimens(int fd, const struct timespec times[2]);
mode_t umask(mode_t mask);

/* Device numbers as Linux's dev_t on i386 (what mknod takes). */
#define major(dev) ((unsigned int)(((dev) >> 8) & 0xfff))
#define minor(dev) ((unsigned int)(((dev) & 0xff) | (((dev) >> 12) & 0xfff00)))
#define makedev(ma, mi) ((dev_t)(((mi) & 0xff) | (((ma) & 0xfff) << 8) | (((mi) & ~0xff) << 12)))

#endif
