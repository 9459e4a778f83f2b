/* sys/statfs.h: file system statistics (Linux i386's struct statfs, 64
 * bytes; statfs and fstatfs are system-call stubs in userland/lib/sys/hako). */
#ifndef _SYS_STATFS_H
#define _SYS_STATFS_H

struct statfs {
  unsigned int f_type;     /* 0xEF53 ext2, 0x9FA0 proc */
  unsigned int f_bsize;    /* block size */
  unsigned int f_blocks;   /* blocks for data (the size less metadata) */
  unsigned int f_bfree;    /* free blocks */
  unsigned int f_bavail;   /* free blocks an ordinary user may take */
  unsigned int f_files;    /* inodes */
  unsigned int f_ffree;    /* free inodes */
  int f_fsid[2];
  unsigned int f_namelen;
  unsigned int f_frsize;
  unsigned int f_flags;
  unsigned int f_spare[4];
};

int statfs(const char *path, struct statfs *buf);
int fstatfs(int fd, struct statfs *buf);

#endif
