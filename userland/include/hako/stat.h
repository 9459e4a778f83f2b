/* hako/stat.h: the file-status ABI shared by the kernel and libc — Linux
 * i386's 64-byte struct stat (filled by stat/lstat/fstat, system calls
 * 106-108) and 96-byte struct stat64, the file-type and permission bits
 * and their tests. Plain C
 * types only, so both worlds can include it. */
#ifndef _HAKO_STAT_H
#define _HAKO_STAT_H

struct stat {
  unsigned int st_dev;
  unsigned int st_ino;
  unsigned short st_mode;
  unsigned short st_nlink;
  unsigned short st_uid;
  unsigned short st_gid;
  unsigned int st_rdev;
  unsigned int st_size;
  unsigned int st_blksize;
  unsigned int st_blocks;
  unsigned int st_atime, st_atime_nsec;
  unsigned int st_mtime, st_mtime_nsec;
  unsigned int st_ctime, st_ctime_nsec;
  unsigned int __unused4, __unused5;
};

/* 64-bit fields: long long in programs; the kernel, whose C has no long
 * long (kernel/include/types.h), sees the two 32-bit halves. */
#ifdef HAKO_TYPES_H
typedef struct { unsigned int lo, hi; } __hako_u64;
typedef __hako_u64 __hako_s64;
#else
typedef unsigned long long __hako_u64;
typedef long long __hako_s64;
#endif

/* Linux i386's struct stat64 (96 bytes; 64-bit members 4-aligned, as the
 * i386 ABI lays them out), filled by stat64/lstat64/fstat64/fstatat64
 * (195-197, 300): 32-bit ids and link counts, 64-bit size, blocks, device
 * numbers and inode number (also in __st_ino, as Linux fills both). */
struct stat64 {
  __hako_u64 st_dev;
  unsigned int __pad0;
  unsigned int __st_ino;
  unsigned int st_mode;
  unsigned int st_nlink;
  unsigned int st_uid;
  unsigned int st_gid;
  __hako_u64 st_rdev;
  unsigned int __pad3;
  __hako_s64 st_size;
  unsigned int st_blksize;
  __hako_u64 st_blocks;
  unsigned int st_atime, st_atime_nsec;
  unsigned int st_mtime, st_mtime_nsec;
  unsigned int st_ctime, st_ctime_nsec;
  __hako_u64 st_ino;
};

/* utimensat's tv_nsec values that mean "now" and "leave it" (Linux's). */
#define UTIME_NOW  ((1l << 30) - 1l)
#define UTIME_OMIT ((1l << 30) - 2l)

#define S_IFMT   0170000
#define S_IFSOCK 0140000
#define S_IFLNK  0120000
#define S_IFREG  0100000
#define S_IFBLK  0060000
#define S_IFDIR  0040000
#define S_IFCHR  0020000
#define S_IFIFO  0010000
#define S_ISUID  04000
#define S_ISGID  02000
#define S_ISVTX  01000
#define S_IRWXU  0700
#define S_IRUSR  0400
#define S_IWUSR  0200
#define S_IXUSR  0100
#define S_IRWXG  070
#define S_IRGRP  040
#define S_IWGRP  020
#define S_IXGRP  010
#define S_IRWXO  07
#define S_IROTH  04
#define S_IWOTH  02
#define S_IXOTH  01

#define S_ISREG(m)  (((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m)  (((m) & S_IFMT) == S_IFDIR)
#define S_ISCHR(m)  (((m) & S_IFMT) == S_IFCHR)
#define S_ISBLK(m)  (((m) & S_IFMT) == S_IFBLK)
#define S_ISFIFO(m) (((m) & S_IFMT) == S_IFIFO)
#define S_ISLNK(m)  (((m) & S_IFMT) == S_IFLNK)
#define S_ISSOCK(m) (((m) & S_IFMT) == S_IFSOCK)

#endif
