/*
 * sys_dir.c — the system calls that change or read names: mkdirat,
 * mknodat, unlinkat (rmdir with AT_REMOVEDIR), linkat, symlinkat,
 * renameat/renameat2, readlinkat, and the old forms (mkdir, mknod, rmdir,
 * unlink, link, symlink, rename, readlink), which are the *at calls with
 * AT_FDCWD. Each copies its path(s) and finds their starting directories
 * (sys_path.c), then hands them to the VFS (fs/dir_ops.c), which checks in
 * Linux's order and lets the file system write.
 */
#include "gen/syscall_table.h"
#include "fs.h"
#include "lib.h"
#include "mm.h"
#include "vm.h"
#include "hako/errno.h"
#include "hako/fcntl.h"

static int do_mkdir(struct inode *base, const char *path, struct inode *unused, const char *unused2, u32 mode, u32 b) {
  (void)unused;
  (void)unused2;
  (void)b;
  return vfs_mkdir(base, path, mode);
}

int sys_mkdirat(int dirfd, const char *user_path, int mode) {
  return with_user_paths_at(dirfd, user_path, AT_FDCWD, NULL, do_mkdir, (u32)mode, 0);
}

int sys_mkdir(const char *user_path, int mode) {
  return sys_mkdirat(AT_FDCWD, user_path, mode);
}

static int do_mknod(struct inode *base, const char *path, struct inode *unused, const char *unused2, u32 mode, u32 dev) {
  (void)unused;
  (void)unused2;
  return vfs_mknod(base, path, mode, dev);
}

/* What mknod may make, before the path is looked at (Linux's may_mknod):
 * a regular file (type 0 too), FIFO, socket or device node; a directory
 * is EPERM (mkdir's job), another type EINVAL. */
int sys_mknodat(int dirfd, const char *user_path, int mode, u32 dev) {
  u32 type = (u32)mode & S_IFMT;
  if (type == 0) mode |= S_IFREG;
  else if (type == S_IFDIR) return -EPERM;
  else if (type != S_IFREG && type != S_IFIFO && type != S_IFSOCK && type != S_IFCHR && type != S_IFBLK) return -EINVAL;
  return with_user_paths_at(dirfd, user_path, AT_FDCWD, NULL, do_mknod, (u32)mode, dev);
}

int sys_mknod(const char *user_path, int mode, u32 dev) {
  return sys_mknodat(AT_FDCWD, user_path, mode, dev);
}

static int do_remove(struct inode *base, const char *path, struct inode *unused, const char *unused2, u32 want_dir,
                     u32 b) {
  (void)unused;
  (void)unused2;
  (void)b;
  return vfs_remove(base, path, (int)want_dir);
}

int sys_unlinkat(int dirfd, const char *user_path, int flags) {
  if (flags & ~AT_REMOVEDIR) return -EINVAL;
  return with_user_paths_at(dirfd, user_path, AT_FDCWD, NULL, do_remove, (flags & AT_REMOVEDIR) != 0, 0);
}

int sys_rmdir(const char *user_path) {
  return sys_unlinkat(AT_FDCWD, user_path, AT_REMOVEDIR);
}

int sys_unlink(const char *user_path) {
  return sys_unlinkat(AT_FDCWD, user_path, 0);
}

static int do_link(struct inode *obase, const char *old, struct inode *nbase, const char *new, u32 follow, u32 b) {
  (void)b;
  return vfs_link(obase, old, nbase, new, (int)follow);
}

/* AT_SYMLINK_FOLLOW links to what a final symlink names; without it the
 * link itself gets the new name (Linux's linkat; link(2) too). */
int sys_linkat(int olddirfd, const char *user_old, int newdirfd, const char *user_new, int flags) {
  if (flags & ~AT_SYMLINK_FOLLOW) return -EINVAL;
  return with_user_paths_at(olddirfd, user_old, newdirfd, user_new, do_link, (flags & AT_SYMLINK_FOLLOW) != 0, 0);
}

int sys_link(const char *user_old, const char *user_new) {
  return sys_linkat(AT_FDCWD, user_old, AT_FDCWD, user_new, 0);
}

/* The target is text, never resolved: only the new name has a base. */
static int do_symlink(struct inode *unused, const char *target, struct inode *base, const char *path, u32 a, u32 b) {
  (void)unused;
  (void)a;
  (void)b;
  return vfs_symlink(target, base, path);
}

int sys_symlinkat(const char *user_target, int newdirfd, const char *user_path) {
  return with_user_paths_at(AT_FDCWD, user_target, newdirfd, user_path, do_symlink, 0, 0);
}

int sys_symlink(const char *user_target, const char *user_path) {
  return sys_symlinkat(user_target, AT_FDCWD, user_path);
}

static int do_rename(struct inode *obase, const char *old, struct inode *nbase, const char *new, u32 flags, u32 b) {
  (void)b;
  return vfs_rename(obase, old, nbase, new, flags);
}

/* RENAME_EXCHANGE and RENAME_WHITEOUT need file-system support Hako's
 * ext2 does not have: EINVAL, as Linux for such a file system. */
int sys_renameat2(int olddirfd, const char *user_old, int newdirfd, const char *user_new, u32 flags) {
  if (flags & ~(u32)RENAME_NOREPLACE) return -EINVAL;
  return with_user_paths_at(olddirfd, user_old, newdirfd, user_new, do_rename, flags, 0);
}

int sys_renameat(int olddirfd, const char *user_old, int newdirfd, const char *user_new) {
  return sys_renameat2(olddirfd, user_old, newdirfd, user_new, 0);
}

int sys_rename(const char *user_old, const char *user_new) {
  return sys_renameat2(AT_FDCWD, user_old, AT_FDCWD, user_new, 0);
}

/* b: the user buffer, a: its size (> 0). */
static int do_readlink(struct inode *base, const char *path, struct inode *unused, const char *unused2, u32 size,
                       u32 user_buf) {
  char *target;
  struct inode *ip;
  int err;
  (void)unused;
  (void)unused2;
  ip = namei_at(base, path, 0, &err);
  if (ip == NULL) return err;
  target = (char *)kmalloc(PATH_MAX);
  if (target == NULL) {
    iput(ip);
    return -ENOMEM;
  }
  ilock(ip);
  err = vfs_readlink(ip, target, PATH_MAX);
  iunlockput(ip);
  if (err >= 0) {
    u32 n = MIN((u32)err, size);
    err = copyout((char *)user_buf, target, n) == 0 ? (int)n : -EFAULT;
  }
  kfree(target);
  return err;
}

int sys_readlinkat(int dirfd, const char *user_path, char *user_buf, int size) {
  if (size <= 0) return -EINVAL;
  return with_user_paths_at(dirfd, user_path, AT_FDCWD, NULL, do_readlink, (u32)size, (u32)user_buf);
}

int sys_readlink(const char *user_path, char *user_buf, int size) {
  return sys_readlinkat(AT_FDCWD, user_path, user_buf, size);
}
