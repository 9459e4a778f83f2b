/*
 * sys_open.c — opening files and what an open file can do: open/openat/
 * creat, lseek, getdents, fstat/stat/lstat, fcntl, sync/fsync.
 *
 * An open inode is a struct file with the inode's file operations (its
 * file system's), or for a character device the driver's, chosen by its
 * major:minor (fs/char_dev.c). The file system may refuse the open (its
 * `open` operation: procfs's read-only files); O_TRUNC is a setattr of the
 * size where the file system has one.
 */
#include "gen/syscall_table.h"
#include "arch.h"
#include "dev.h"
#include "file.h"
#include "filemap.h"
#include "fs.h"
#include "lib.h"
#include "mm.h"
#include "printk.h"
#include "proc.h"
#include "hako/errno.h"
#include "hako/fcntl.h"
#include "vm.h"

/* What open asks of the inode: MAY_READ and/or MAY_WRITE. */
static int open_mask(int acc) {
  if (acc == O_RDONLY) return MAY_READ;
  if (acc == O_WRONLY) return MAY_WRITE;
  return MAY_READ | MAY_WRITE;
}

static int do_open(const char *path, const char *unused, u32 uflags, u32 mode) {
  struct inode *ip;
  struct file *f;
  const struct file_ops *ops;
  int flags = (int)uflags;
  int err = 0, fd;
  int acc = flags & O_ACCMODE;
  (void)unused;
  if (flags & O_CREAT) {
    ip = vfs_create(path, mode, flags, &err);
    if (ip == NULL) return err;
  } else {
    ip = namei(path, !(flags & O_NOFOLLOW), &err);
    if (ip == NULL) return err;
    if (ilock_checked(ip) != 0) {
      iput(ip);
      return -EIO;
    }
  }
  if (S_ISLNK(ip->mode)) {
    iunlockput(ip);
    return -ELOOP;
  }
  if ((flags & O_DIRECTORY) && !S_ISDIR(ip->mode)) {
    iunlockput(ip);
    return -ENOTDIR;
  }
  if (S_ISDIR(ip->mode) && acc != O_RDONLY) {
    iunlockput(ip);
    return -EISDIR;
  }
  err = inode_permission(ip, open_mask(acc));
  ops = S_ISCHR(ip->mode) ? chrdev_ops(ip->rdev) : ip->fop;
  if (err == 0 && ops == NULL) err = -ENXIO;
  if (err == 0 && ops->open) err = ops->open(ip, (u32)flags);
  if (err == 0 && (flags & O_TRUNC) && S_ISREG(ip->mode) && acc != O_RDONLY && ip->op && ip->op->setattr) {
    struct iattr a;
    a.valid = ATTR_SIZE;
    a.size = 0;
    err = ip->op->setattr(ip, &a);
  }
  if (err) {
    iunlockput(ip);
    return err;
  }
  iunlock(ip);
  f = file_alloc(ops, (u32)flags & ~(O_CREAT | O_EXCL | O_TRUNC | O_NOCTTY | O_CLOEXEC));
  if (f == NULL) {
    iput(ip);
    return -ENFILE;
  }
  f->inode = ip;
  if (S_ISREG(ip->mode) && ops->mmap) {
    /* Remembered for /proc/PID/maps (file_map_name); none if no memory. */
    u32 len = strlen(path);
    f->path = (char *)kmalloc(len + 1);
    if (f->path) memcpy(f->path, path, len + 1);
  }
  fd = fd_install(f);
  if (fd < 0) {
    file_close(f);
    return fd;
  }
  if (flags & O_CLOEXEC) current->files->close_on_exec |= 1u << fd;
  return fd;
}

int sys_open(const char *user_path, int flags, int mode) {
  return with_user_paths(user_path, NULL, do_open, (u32)flags, (u32)mode);
}

int sys_creat(const char *user_path, int mode) {
  return sys_open(user_path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

/* Runs fn relative to directory fd dirfd (AT_FDCWD: the cwd) by lending
 * the calling thread that directory as the start of relative lookups for
 * the call (not the cwd itself: threads share that through CLONE_FS). */
static int with_dirfd(int dirfd, const char *user_path, int (*fn)(const char *, int, int), int a, int b) {
  struct file *f;
  struct inode *saved;
  char first;
  int r;
  if (dirfd == AT_FDCWD) return fn(user_path, a, b);
  if (copyin(&first, user_path, 1) != 0) return -EFAULT;
  if (first == '/') return fn(user_path, a, b);
  f = fd_get(dirfd);
  if (f == NULL) return -EBADF;
  if (f->inode == NULL || !S_ISDIR(f->inode->mode)) return -ENOTDIR;
  saved = current->lookup_base;
  current->lookup_base = f->inode;
  r = fn(user_path, a, b);
  current->lookup_base = saved;
  return r;
}

int sys_openat(int dirfd, const char *user_path, int flags, int mode) {
  return with_dirfd(dirfd, user_path, sys_open, flags, mode);
}

int sys_lseek(int fd, int offset, int whence) {
  struct file *f = fd_get(fd);
  if (f == NULL) return -EBADF;
  if (f->inode == NULL || f->ops->llseek == NULL) return -ESPIPE;
  return f->ops->llseek(f, offset, whence);
}

static int stat_inode(struct inode *ip, struct stat *user_st) {
  struct stat st;
  int err = vfs_getattr(ip, &st);
  if (err) return err;
  return copyout(user_st, &st, sizeof st);
}

static int do_stat(const char *path, const char *unused, u32 follow, u32 user_st) {
  int err;
  struct inode *ip = namei(path, (int)follow, &err);
  (void)unused;
  if (ip == NULL) return err;
  err = stat_inode(ip, (struct stat *)user_st);
  iput(ip);
  return err;
}

int sys_stat(const char *path, struct stat *st) {
  return with_user_paths(path, NULL, do_stat, 1, (u32)st);
}

int sys_lstat(const char *path, struct stat *st) {
  return with_user_paths(path, NULL, do_stat, 0, (u32)st);
}

int sys_fstat(int fd, struct stat *user_st) {
  struct file *f = fd_get(fd);
  struct stat st;
  if (f == NULL) return -EBADF;
  if (f->inode) return stat_inode(f->inode, user_st);
  /* Pipes and the boot console have no inode. */
  memset(&st, 0, sizeof st);
  st.st_mode = f->ops == &tty_ops ? (S_IFCHR | 0620) : (S_IFIFO | 0600);
  st.st_nlink = 1;
  st.st_blksize = 4096;
  if (f->ops == &tty_ops) st.st_rdev = 0x0501;
  return copyout(user_st, &st, sizeof st);
}

/* getdents(141): struct linux_dirent { u32 d_ino; u32 d_off; u16 d_reclen;
 * char d_name[]; then NUL, padding, and d_type in the record's last byte }. */
struct getdents_ctx {
  struct dir_context ctx;   /* first: the actor gets this */
  char *user_buf;
  u32 count, done;
  char *rec;
};

static int fill_linux_dirent(struct dir_context *ctx, const char *name, u32 len, u32 ino, u32 next, u32 dtype) {
  struct getdents_ctx *g = (struct getdents_ctx *)ctx;
  u32 reclen = ALIGN_UP(10 + len + 2, 4);
  if (g->done + reclen > g->count) return 1;
  memset(g->rec, 0, reclen);
  *(u32 *)g->rec = ino;
  *(u32 *)(g->rec + 4) = next;
  *(u16 *)(g->rec + 8) = (u16)reclen;
  memcpy(g->rec + 10, name, len);
  g->rec[reclen - 1] = (char)dtype;
  if (copyout(g->user_buf + g->done, g->rec, reclen) != 0) return -EFAULT;
  g->done += reclen;
  ctx->emitted++;
  return 0;
}

int sys_getdents(int fd, void *user_buf, u32 count) {
  struct file *f = fd_get(fd);
  struct getdents_ctx g;
  int err;
  if (f == NULL) return -EBADF;
  if (!user_range_ok((u32)user_buf, count)) return -EFAULT;   /* the whole buffer, as Linux */
  if (f->inode == NULL || !S_ISDIR(f->inode->mode) || f->ops->iterate == NULL) return -ENOTDIR;
  g.rec = (char *)kmalloc(NAME_MAX + 24);
  if (g.rec == NULL) return -ENOMEM;
  g.ctx.actor = fill_linux_dirent;
  g.ctx.emitted = 0;
  g.user_buf = (char *)user_buf;
  g.count = count;
  g.done = 0;
  err = vfs_readdir(f, &g.ctx);
  kfree(g.rec);
  if (err < 0) return g.done ? (int)g.done : err;
  if (g.done == 0 && f->offset < f->inode->size) return -EINVAL;   /* buffer too small for one entry */
  return (int)g.done;
}

int sys_fcntl(int fd, int cmd, u32 arg) {
  struct file *f = fd_get(fd);
  int nfd;
  if (f == NULL) return -EBADF;
  if (cmd == F_DUPFD) {
    if (arg >= NOFILE) return -EINVAL;
    for (nfd = (int)arg; nfd < NOFILE; nfd++) {
      if (current->files->fd[nfd] == NULL) {
        current->files->fd[nfd] = file_dup(f);
        current->files->close_on_exec &= ~(1u << nfd);
        return nfd;
      }
    }
    return -EMFILE;
  }
  if (cmd == F_GETFD) return (current->files->close_on_exec >> fd) & 1;
  if (cmd == F_SETFD) {
    if (arg & FD_CLOEXEC) current->files->close_on_exec |= 1u << fd;
    else current->files->close_on_exec &= ~(1u << fd);
    return 0;
  }
  if (cmd == F_GETFL) return (int)f->flags;
  if (cmd == F_SETFL) {
    f->flags = (f->flags & ~(u32)(O_APPEND | O_NONBLOCK)) | (arg & (O_APPEND | O_NONBLOCK));
    return 0;
  }
  return -EINVAL;
}

/* The buffer cache writes through, so only pages that MAP_SHARED stores
 * dirtied (mm/filemap.c) can be behind the disk. */
int sys_sync(void) {
  filemap_sync_all();
  return 0;
}

int sys_fsync(int fd) {
  struct file *f = fd_get(fd);
  if (f == NULL) return -EBADF;
  if (f->ops->fsync == NULL) return 0;
  return f->ops->fsync(f);
}

int sys_fdatasync(int fd) {
  return sys_fsync(fd);
}
