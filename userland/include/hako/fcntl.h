/* hako/fcntl.h: open() flags and fcntl() commands, shared by the kernel
 * and libc. Linux i386 values (octal, as Linux writes them). */
#ifndef _HAKO_FCNTL_H
#define _HAKO_FCNTL_H

#define O_RDONLY    0
#define O_WRONLY    01
#define O_RDWR      02
#define O_ACCMODE   03
#define O_CREAT     0100
#define O_EXCL      0200
#define O_NOCTTY    0400
#define O_TRUNC     01000
#define O_APPEND    02000
#define O_NONBLOCK  04000
#define O_DIRECTORY 0200000
#define O_NOFOLLOW  0400000
#define O_CLOEXEC   02000000

#define F_DUPFD 0
#define F_GETFD 1
#define F_SETFD 2
#define F_GETFL 3
#define F_SETFL 4
#define F_DUPFD_CLOEXEC 1030
#define FD_CLOEXEC 1

/* The *at calls: dirfd AT_FDCWD is the cwd; their flags. */
#define AT_FDCWD            (-100)
#define AT_SYMLINK_NOFOLLOW 0x100    /* fstatat, fchownat, utimensat, fchmodat: the link itself */
#define AT_EACCESS          0x200    /* faccessat: with the effective ids */
#define AT_REMOVEDIR        0x200    /* unlinkat: rmdir */
#define AT_SYMLINK_FOLLOW   0x400    /* linkat: link to what a final symlink names */
#define AT_EMPTY_PATH       0x1000   /* "" names dirfd's own file */

/* renameat2 flags (RENAME_EXCHANGE and RENAME_WHITEOUT are EINVAL here). */
#define RENAME_NOREPLACE 1
#define RENAME_EXCHANGE  2
#define RENAME_WHITEOUT  4

#endif
