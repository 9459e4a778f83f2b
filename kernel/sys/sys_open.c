/*
 * sys_open.c — opening files and what an open file can do: openat (open
 * and creat are it with AT_FDCWD), lseek/_llseek, getdents/getdents64,
 * fcntl/fcntl64, sync/fsync.
 *
 * An open inode is a struct file with the inode's file operations (its
 * file system's; a FIFO's are fs/pipe.c's), or for a character device the
 * driver's, chosen by its major:minor (fs/char_dev.c). The file system may
 * refuse the open (its `open` operation: procfs's read-only files); O_TRUNC
 * is a setattr of the size where the file system has one. A FIFO's open
 * may then sleep until the other end is opened (`open_file`), holding no
 * lock. Flags, as Linux: O_NOFOLLOW makes a final symlink ELOOP,
 * O_DIRECTORY a non-directory ENOTDIR, O_CREAT|O_EXCL an existing name
 * (a symlink too, dangling or not) EEXIST, O_CLOEXEC sets FD_CLOEXEC.
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

static int do_open(struct inode *base, const char *path, struct inode *unused, const char *unused2, u32 uflags,
                   u32 mode) {
  struct inode *ip;
  struct file *f;
  const struct file_ops *ops;
  int flags = (int)uflags;
  int err = 0, fd;
  int created = 0;
  (void)unused;
  (void)unused2;
  if (flags & O_CREAT) {
    ip = vfs_create(base, path, mode, flags, &err, &created);
    if (ip == NULL) return err;
  } else {
    ip = namei_at(base, path, !(flags & O_NOFOLLOW), &err);
    if (ip == NULL) return err;
    if (ilock_checked(ip) != 0) {
      iput(ip);
      return -EIO;
    }
  }
  if ((flags & O_DIRECTORY) && !S_ISDIR(ip->mode) && !S_ISLNK(ip->mode)) {
    iunlockput(ip);
    return -ENOTDIR;
  }
  /* A file this open made is opened whatever its mode, and not truncated. */
  if (created) flags &= ~O_TRUNC;
  else err = may_open(ip, flags);   /* ELOOP, EISDIR, EACCES (fs/permission.c) */
  ops = S_ISCHR(ip->mode) ? chrdev_ops(ip->rdev) : ip->fop;
  if (err == 0 && ops == NULL) err = -ENXIO;
  if (err == 0 && ops->open) err = ops->open(ip, (u32)flags);
  if (err == 0 && (flags & O_TRUNC) && S_ISREG(ip->mode) && ip->op && ip->op->setattr) {
    struct iattr a;
    a.valid = ATTR_SIZE;
    a.size = 0;
    err = ip->op->setattr(ip, &a);
    if (err == 0) err = file_remove_privs(ip);
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
  if (ops->open_file && (err = ops->open_file(f)) != 0) {
    file_close(f);
    return err;
  }
  file_set_path(f, base, path);
  fd = fd_install(f);
  if (fd < 0) {
    file_close(f);
    return fd;
  }
  if (flags & O_CLOEXEC) fd_set_cloexec(fd, 1);
  return fd;
}

int sys_openat(int dirfd, const char *user_path, int flags, int mode) {
  return with_user_paths_at(dirfd, user_path, AT_FDCWD, NULL, do_open, (u32)flags, (u32)mode);
}

int sys_open(const char *user_path, int flags, int mode) {
  return sys_openat(AT_FDCWD, user_path, flags, mode);
}

int sys_creat(const char *user_path, int mode) {
  return sys_openat(AT_FDCWD, user_path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

int sys_lseek(int fd, int offset, int whence) {
  struct file *f = fd_get(fd);
  if (f == NULL) return -EBADF;
  if (f->inode == NULL || f->ops->llseek == NULL) return -ESPIPE;
  return f->ops->llseek(f, offset, whence);
}

/* _llseek(140): the offset is (high << 32) | low and the new position is
 * stored as a 64-bit loff_t at *result. Files here end below 2 GiB (ext2
 * without LARGE_FILE), so an offset that does not fit 32 signed bits
 * lands before 0 or past the largest size from any base: EINVAL, as
 * Linux's llseek past s_maxbytes. */
int sys__llseek(int fd, u32 offset_high, u32 offset_low, u32 *user_result, int whence) {
  struct file *f = fd_get(fd);
  u32 pos[2];
  int r;
  if (f == NULL) return -EBADF;
  if (f->inode == NULL || f->ops->llseek == NULL) return -ESPIPE;
  if (whence < 0 || whence > 2) return -EINVAL;
  if (offset_high != ((int)offset_low < 0 ? 0xFFFFFFFFu : 0)) return -EINVAL;
  r = f->ops->llseek(f, (int)offset_low, whence);
  if (r < 0) return r;
  pos[0] = (u32)r;
  pos[1] = 0;
  return copyout(user_result, pos, sizeof pos) == 0 ? 0 : -EFAULT;
}

/* getdents(141): struct linux_dirent { u32 d_ino; u32 d_off; u16 d_reclen;
 * char d_name[]; then NUL, padding, and d_type in the record's last byte }. */
struct getdents_ctx {
  struct dir_context ctx;   /* first: the actor gets this */
  char *user_buf;
  u32 count, done;
  int too_small;            /* an entry did not fit */
  char *rec;
};

static int fill_linux_dirent(struct dir_context *ctx, const char *name, u32 len, u32 ino, u32 next, u32 dtype) {
  struct getdents_ctx *g = (struct getdents_ctx *)ctx;
  u32 reclen = ALIGN_UP(10 + len + 2, 4);
  if (g->done + reclen > g->count) {
    g->too_small = 1;
    return 1;
  }
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

typedef int (*dirent_actor)(struct dir_context *ctx, const char *name, u32 len, u32 ino, u32 next, u32 dtype);

static int getdents_with(int fd, void *user_buf, u32 count, dirent_actor actor) {
  struct file *f = fd_get(fd);
  struct getdents_ctx g;
  int err;
  if (f == NULL) return -EBADF;
  if (!user_range_ok((u32)user_buf, count)) return -EFAULT;   /* the whole buffer, as Linux */
  if (f->inode == NULL || !S_ISDIR(f->inode->mode) || f->ops->iterate == NULL) return -ENOTDIR;
  g.rec = (char *)kmalloc(NAME_MAX + 32);
  if (g.rec == NULL) return -ENOMEM;
  g.ctx.actor = actor;
  g.ctx.emitted = 0;
  g.user_buf = (char *)user_buf;
  g.count = count;
  g.done = 0;
  g.too_small = 0;
  err = vfs_readdir(f, &g.ctx);
  kfree(g.rec);
  if (err < 0) return g.done ? (int)g.done : err;
  /* The buffer cannot take one entry (not "the end", which a file system
   * without byte-sized directories cannot tell by the size). */
  if (g.done == 0 && g.too_small) return -EINVAL;
  return (int)g.done;
}

int sys_getdents(int fd, void *user_buf, u32 count) {
  return getdents_with(fd, user_buf, count, fill_linux_dirent);
}

/* getdents64(220): struct linux_dirent64 { u64 d_ino; s64 d_off; u16
 * d_reclen; u8 d_type; char d_name[]; } NUL-terminated, 8-aligned. */
static int fill_linux_dirent64(struct dir_context *ctx, const char *name, u32 len, u32 ino, u32 next, u32 dtype) {
  struct getdents_ctx *g = (struct getdents_ctx *)ctx;
  u32 reclen = ALIGN_UP(19 + len + 1, 8);
  if (g->done + reclen > g->count) {
    g->too_small = 1;
    return 1;
  }
  memset(g->rec, 0, reclen);
  *(u32 *)g->rec = ino;
  *(u32 *)(g->rec + 8) = next;
  *(u16 *)(g->rec + 16) = (u16)reclen;
  g->rec[18] = (char)dtype;
  memcpy(g->rec + 19, name, len);
  if (copyout(g->user_buf + g->done, g->rec, reclen) != 0) return -EFAULT;
  g->done += reclen;
  ctx->emitted++;
  return 0;
}

int sys_getdents64(int fd, void *user_buf, u32 count) {
  return getdents_with(fd, user_buf, count, fill_linux_dirent64);
}

int sys_fcntl(int fd, int cmd, u32 arg) {
  struct file *f = fd_get(fd);
  int nfd;
  if (f == NULL) return -EBADF;
  if (cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC) {
    if (arg >= (u32)fd_limit()) return -EINVAL;
    nfd = fd_alloc_from((int)arg);
    if (nfd < 0) return nfd;
    current->files->fd[nfd] = file_dup(f);
    fd_set_cloexec(nfd, cmd == F_DUPFD_CLOEXEC);
    return nfd;
  }
  if (cmd == F_GETFD) return fd_get_cloexec(fd);
  if (cmd == F_SETFD) {
    fd_set_cloexec(fd, (arg & FD_CLOEXEC) != 0);
    return 0;
  }
  if (cmd == F_GETFL) return (int)f->flags;
  if (cmd == F_SETFL) {
    f->flags = (f->flags & ~(u32)(O_APPEND | O_NONBLOCK)) | (arg & (O_APPEND | O_NONBLOCK));
    return 0;
  }
  return -EINVAL;
}

/* fcntl64(221): fcntl with the 64-bit lock commands, which Hako (no
 * record locks) refuses like every unknown command. */
int sys_fcntl64(int fd, int cmd, u32 arg) {
  return sys_fcntl(fd, cmd, arg);
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
