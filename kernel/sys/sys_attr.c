/*
 * sys_attr.c — the system calls that change or test a file's attributes:
 * truncate/ftruncate, chmod/fchmod, chown/lchown/fchown, utime/utimes,
 * access. Every decision is fs/permission.c's (inode_permission, and
 * setattr_prepare inside vfs_setattr for who may change what), the
 * change the file system's setattr (through vfs_setattr).
 */
#include "gen/syscall_table.h"
#include "dev.h"
#include "file.h"
#include "fs.h"
#include "lib.h"
#include "proc.h"
#include "vm.h"
#include "hako/errno.h"
#include "hako/fcntl.h"

static int set_size(struct inode *ip, u32 size) {
  struct iattr a;
  a.valid = ATTR_SIZE;
  a.size = size;
  return vfs_setattr(ip, &a);
}

int sys_truncate(const char *user_path, int length) {
  int err;
  struct inode *ip;
  if (length < 0) return -EINVAL;
  ip = user_namei(user_path, 1, &err);
  if (ip == NULL) return err;
  if (S_ISDIR(ip->mode)) err = -EISDIR;
  else if (!S_ISREG(ip->mode)) err = -EINVAL;
  else if ((err = inode_permission(ip, MAY_WRITE)) == 0) err = set_size(ip, (u32)length);
  iput(ip);
  return err;
}

int sys_ftruncate(int fd, int length) {
  struct file *f = fd_get(fd);
  if (f == NULL) return -EBADF;
  if (length < 0) return -EINVAL;
  if (f->inode == NULL || !S_ISREG(f->inode->mode) || (f->flags & O_ACCMODE) == O_RDONLY) return -EINVAL;
  return set_size(f->inode, (u32)length);
}

static int set_mode(struct inode *ip, u32 mode) {
  struct iattr a;
  a.valid = ATTR_MODE;
  a.mode = mode;
  return vfs_setattr(ip, &a);
}

int sys_chmod(const char *user_path, int mode) {
  int err;
  struct inode *ip = user_namei(user_path, 1, &err);
  if (ip == NULL) return err;
  err = set_mode(ip, (u32)mode);
  iput(ip);
  return err;
}

int sys_fchmod(int fd, int mode) {
  struct file *f = fd_get(fd);
  if (f == NULL) return -EBADF;
  if (f->inode == NULL) return -EINVAL;
  return set_mode(f->inode, (u32)mode);
}

static int set_owner(struct inode *ip, int uid, int gid) {
  struct iattr a;
  a.valid = ATTR_KILL_PRIV;
  if (uid != -1) {
    a.valid |= ATTR_UID;
    a.uid = (u32)uid & 0xFFFF;
  }
  if (gid != -1) {
    a.valid |= ATTR_GID;
    a.gid = (u32)gid & 0xFFFF;
  }
  return vfs_setattr(ip, &a);
}

int sys_chown(const char *user_path, int uid, int gid) {
  int err;
  struct inode *ip = user_namei(user_path, 1, &err);
  if (ip == NULL) return err;
  err = set_owner(ip, uid, gid);
  iput(ip);
  return err;
}

int sys_lchown(const char *user_path, int uid, int gid) {
  int err;
  struct inode *ip = user_namei(user_path, 0, &err);
  if (ip == NULL) return err;
  err = set_owner(ip, uid, gid);
  iput(ip);
  return err;
}

int sys_fchown(int fd, int uid, int gid) {
  struct file *f = fd_get(fd);
  if (f == NULL) return -EBADF;
  if (f->inode == NULL) return -EINVAL;
  return set_owner(f->inode, uid, gid);
}

/* now: the times are the current time (write permission suffices), else
 * explicit (the owner's or root's). */
static int set_times(const char *user_path, u32 atime, u32 mtime, int now) {
  int err;
  struct iattr a;
  struct inode *ip = user_namei(user_path, 1, &err);
  if (ip == NULL) return err;
  a.valid = ATTR_ATIME | ATTR_MTIME | (now ? ATTR_TOUCH : 0);
  a.atime = atime;
  a.mtime = mtime;
  err = vfs_setattr(ip, &a);
  iput(ip);
  return err;
}

/* utimes(271): times[0] access, times[1] modification, as {sec, usec};
 * NULL means now. */
int sys_utimes(const char *user_path, const u32 *user_times) {
  u32 t[4];
  if (user_times) {
    if (copyin(t, user_times, sizeof t) != 0) return -EFAULT;
  } else {
    t[0] = t[2] = time_now();
  }
  return set_times(user_path, t[0], t[2], user_times == NULL);
}

/* utime(30): struct utimbuf { actime, modtime } or NULL for now. */
int sys_utime(const char *user_path, const u32 *user_buf) {
  u32 t[2];
  if (user_buf == NULL) return sys_utimes(user_path, NULL);
  if (copyin(t, user_buf, sizeof t) != 0) return -EFAULT;
  return set_times(user_path, t[0], t[1], 0);
}

#define R_OK 4
#define W_OK 2
#define X_OK 1

static int do_access(const char *path, const char *unused, u32 mode, u32 b) {
  (void)unused;
  (void)b;
  return vfs_access(path, (int)mode, 1, 0);
}

/* The same masks: R_OK is MAY_READ, W_OK MAY_WRITE, X_OK MAY_EXEC; the
 * real ids decide (fs/permission.c). */
int sys_access(const char *user_path, int mode) {
  if (mode & ~(R_OK | W_OK | X_OK)) return -EINVAL;
  return with_user_paths(user_path, NULL, do_access, (u32)mode, 0);
}
