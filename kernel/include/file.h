/*
 * file.h — open files and their operations table.
 *
 * A struct file is one open file description (shared by dup and fork,
 * reference-counted); its ops say what it is: a tty, /dev/null, a pipe end,
 * a file of some file system (the inode's fop, fs.h). Read and write take USER buffers: each implementation
 * copies with copyin/copyout, so a bad pointer is -EFAULT wherever it is
 * noticed. A file holds a reference on its inode, if any.
 */
#ifndef HAKO_FILE_H
#define HAKO_FILE_H

#include "types.h"

struct file;
struct inode;
struct dir_context;
struct poll_table;

/* The file operations table (Linux's struct file_operations): what an
 * open file does. A NULL entry: read/write EINVAL, ioctl ENOTTY, llseek
 * ESPIPE, iterate ENOTDIR, mmap ENODEV, fsync nothing to do. Tables are
 * filled positionally by older drivers, so new entries go at the end. */
struct file_ops {
  int (*read)(struct file *f, char *user_buf, u32 n);
  int (*write)(struct file *f, const char *user_buf, u32 n);
  int (*ioctl)(struct file *f, u32 cmd, u32 arg);
  void (*release)(struct file *f);
  int (*llseek)(struct file *f, int offset, int whence);
  int (*iterate)(struct file *f, struct dir_context *ctx);   /* readdir (fs.h) */
  int (*mmap)(struct file *f);                                /* 0: page-cache backed mappings */
  int (*fsync)(struct file *f);
  int (*open)(struct inode *ip, u32 flags);                   /* before the open commits: 0 or -errno */
  /* Ready events (POLLIN...), naming with poll_wait(pt, chan) each channel
   * whose wakeup may change them (poll.h); NULL: always ready. */
  int (*poll)(struct file *f, struct poll_table *pt);
  /* After the file is made, before it gets a descriptor, no lock held: may
   * sleep (a FIFO waits for its other end). On -errno the file is closed
   * (release must then cope with what open_file left undone). */
  int (*open_file)(struct file *f);
  /* What /proc/PID/fd/N names a file without a path by ("pipe:[N]"). */
  int (*dname)(struct file *f, char *buf, u32 size);
};

struct file {
  int refcount;
  u32 flags;           /* O_* from open */
  u32 offset;
  const struct file_ops *ops;
  struct inode *inode;
  void *private;       /* the tty, the pipe, ... */
  char *path;          /* the path as opened (kmalloc'd): /proc/PID/maps and fd/N */
  struct inode *path_base;   /* the directory a relative path started from (referenced) */
  int kernel_io;       /* read's buffer is kernel memory (inode_read for execve) */
};

struct file *file_alloc(const struct file_ops *ops, u32 flags);
struct file *file_dup(struct file *f);
void file_set_path(struct file *f, struct inode *base, const char *path);   /* for /proc/PID/maps and fd/N */
void file_close(struct file *f);
struct inode *inode_dup(struct inode *ip);
void inode_put(struct inode *ip);

/* File descriptors of the current process. */
int fd_limit(void);                  /* RLIMIT_NOFILE, at most NR_OPEN */
int fd_install(struct file *f);      /* lowest free fd, or -EMFILE */
int fd_alloc_from(int start);        /* lowest free fd >= start, table grown; -EMFILE/-ENOMEM */
struct file *fd_get(int fd);         /* NULL when fd is not open */
void fd_set_cloexec(int fd, int on); /* fd's close-on-exec bit (fd < max_fds) */
int fd_get_cloexec(int fd);
struct files_struct;
void files_init(struct files_struct *files);                 /* empty, NOFILE_INITIAL slots */
int fd_table_grow(struct files_struct *files, int min_fds);  /* max_fds > min_fds-1; 0 or -ENOMEM */
void files_free_arrays(struct files_struct *files);          /* the kmalloc'd arrays, if any */
void files_close_on_exec(struct files_struct *files);        /* execve: close the marked fds */

/* Devices. */
extern const struct file_ops tty_ops;
extern const struct file_ops null_ops;
extern const struct file_ops zero_ops;
extern const struct file_ops full_ops;
void tty_init(void);
int tty_foreground(void);   /* the console's foreground process group (tcgetpgrp), -1 when none */
struct file *console_open(void);

#endif
