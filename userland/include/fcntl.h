/* fcntl.h: open() and fcntl(). Declarations only for now: the functions
 * are system-call stubs generated with the kernel (userland/lib/sys/hako). */
#ifndef _FCNTL_H
#define _FCNTL_H

#include <sys/types.h>
#include <hako/fcntl.h>

int open(const char *path, int flags, ...);
int openat(int dirfd, const char *path, int flags, ...);
int creat(const char *path, mode_t mode);
int fcntl(int fd, int cmd, ...);
/* The AT_* flags are in hako/fcntl.h; the *at calls are declared where
 * POSIX puts them (unistd.h, sys/stat.h, stdio.h for renameat). */

#endif
