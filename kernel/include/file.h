/*
 * file.h — open files and the minimal inode handle the process layer needs.
 *
 * A struct file is one open file description (shared by dup and fork,
 * reference-counted); its ops say what it is: a tty, /dev/null, a pipe end,
 * an ext2 file. Read and write take USER buffers: each implementation
 * copies with copyin/copyout, so a bad pointer is -EFAULT wherever it is
 * noticed. A file holds a reference on its inode, if any.
 */
#ifndef HAKO_FILE_H
#define HAKO_FILE_H

#include "types.h"

struct file;

struct file_ops {
  int (*read)(struct file *f, char *user_buf, u32 n);
  int (*write)(struct file *f, const char *user_buf, u32 n);
  int (*ioctl)(struct file *f, u32 cmd, u32 arg);
  void (*release)(struct file *f);
};

/* An in-memory inode: the ext2 on-disk fields the kernel uses, plus cache
 * bookkeeping (fs/ext2_inode.c). `locked` serialises operations that sleep
 * in the middle (disk I/O) on the same inode. */
#define FS_EXT2 0
#define FS_PROC 1

struct inode {
  u32 ino;
  int fstype;          /* FS_EXT2, or FS_PROC for a synthetic /proc inode */
  int proc_kind;       /* procfs: what it is (fs/procfs.c) */
  int proc_pid;        /* procfs: the process it describes */
  int refcount;        /* references from files, cwd, lookups in progress */
  int valid;           /* fields below were read from disk */
  int locked;
  void *lock_owner;    /* the struct proc holding `locked` (page-cache reclaim asks) */
  u32 mode, uid, gid, nlink;
  u32 size;
  u32 atime, ctime, mtime, dtime;
  u32 blocks;          /* in 512-byte units, as ext2 counts */
  u32 flags;
  u32 block[15];       /* 12 direct, single, double, triple indirect */
  u32 generation;
  u32 nrpages;         /* pages in the page cache (mm/filemap.c); while > 0
                          the cache holds one of the references above */
};

struct file {
  int refcount;
  u32 flags;           /* O_* from open */
  u32 offset;
  const struct file_ops *ops;
  struct inode *inode;
  void *private;       /* the tty, the pipe, ... */
  char *path;          /* regular files: the path as opened (kmalloc'd), for /proc/PID/maps */
};

struct file *file_alloc(const struct file_ops *ops, u32 flags);
struct file *file_dup(struct file *f);
void file_close(struct file *f);
struct inode *inode_dup(struct inode *ip);
void inode_put(struct inode *ip);

/* File descriptors of the current process. */
int fd_install(struct file *f);      /* lowest free fd, or -EMFILE */
struct file *fd_get(int fd);         /* NULL when fd is not open */

/* Devices. */
extern const struct file_ops tty_ops;
extern const struct file_ops null_ops;
extern const struct file_ops zero_ops;
extern const struct file_ops full_ops;
void tty_init(void);
int tty_foreground(void);   /* the console's foreground process group (tcgetpgrp), -1 when none */
struct file *console_open(void);

#endif
