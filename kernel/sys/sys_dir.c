/*
 * sys_dir.c — the system calls that change or read names: mkdir, rmdir,
 * unlink, link, symlink, rename, readlink. Each copies its path(s)
 * (sys_path.c) and hands them to the VFS (fs/dir_ops.c), which checks in
 * Linux's order and lets the file system write.
 */
#include "gen/syscall_table.h"
#include "fs.h"
#include "lib.h"
#include "mm.h"
#include "vm.h"
#include "hako/errno.h"

static int do_mkdir(const char *path, const char *unused, u32 mode, u32 b) {
  (void)unused;
  (void)b;
  return vfs_mkdir(path, mode);
}

int sys_mkdir(const char *user_path, int mode) {
  return with_user_paths(user_path, NULL, do_mkdir, (u32)mode, 0);
}

static int do_remove(const char *path, const char *unused, u32 want_dir, u32 b) {
  (void)unused;
  (void)b;
  return vfs_remove(path, (int)want_dir);
}

int sys_rmdir(const char *user_path) {
  return with_user_paths(user_path, NULL, do_remove, 1, 0);
}

int sys_unlink(const char *user_path) {
  return with_user_paths(user_path, NULL, do_remove, 0, 0);
}

static int do_link(const char *old, const char *new, u32 a, u32 b) {
  (void)a;
  (void)b;
  return vfs_link(old, new);
}

int sys_link(const char *user_old, const char *user_new) {
  return with_user_paths(user_old, user_new, do_link, 0, 0);
}

static int do_symlink(const char *target, const char *path, u32 a, u32 b) {
  (void)a;
  (void)b;
  return vfs_symlink(target, path);
}

int sys_symlink(const char *user_target, const char *user_path) {
  return with_user_paths(user_target, user_path, do_symlink, 0, 0);
}

static int do_rename(const char *old, const char *new, u32 a, u32 b) {
  (void)a;
  (void)b;
  return vfs_rename(old, new);
}

int sys_rename(const char *user_old, const char *user_new) {
  return with_user_paths(user_old, user_new, do_rename, 0, 0);
}

/* b: the user buffer, a: its size (> 0). */
static int do_readlink(const char *path, const char *unused, u32 size, u32 user_buf) {
  char *target;
  struct inode *ip;
  int err;
  (void)unused;
  ip = namei(path, 0, &err);
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

int sys_readlink(const char *user_path, char *user_buf, int size) {
  if (size <= 0) return -EINVAL;
  return with_user_paths(user_path, NULL, do_readlink, (u32)size, (u32)user_buf);
}
