/*
 * fs.h — what the rest of the kernel asks of the file system: find an inode
 * by path, read and write its bytes into kernel memory, stat it. The ext2
 * driver (fs/ext2*.c) implements it over the buffer cache and the disk
 * driver; until it is mounted every lookup fails with -ENOENT.
 */
#ifndef HAKO_FS_H
#define HAKO_FS_H

#include "file.h"
#include "types.h"

#define S_IFMT 0170000
#define S_IFREG 0100000
#define S_IFDIR 0040000
#define S_IFLNK 0120000
#define S_IFCHR 0020000
#define S_IFIFO 0010000
#define S_ISREG(m) (((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m) (((m) & S_IFMT) == S_IFDIR)

/* Resolves a kernel-space path; *err is -ENOENT, -ENOTDIR, -ELOOP, ... */
struct inode *namei(const char *path, int *err);
/* Reads up to n bytes at off into kernel memory; returns bytes read or -errno. */
int inode_read(struct inode *ip, void *dst, u32 off, u32 n);
u32 inode_size(struct inode *ip);
int fs_mounted(void);

#endif
