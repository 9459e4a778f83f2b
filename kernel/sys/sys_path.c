/*
 * sys_path.c — the one way a system call takes path names from user
 * space: copy them into kernel buffers (EFAULT, ENOENT for "",
 * ENAMETOOLONG for PATH_MAX bytes or more), find the directory a relative
 * path starts from (the *at calls' dirfd: AT_FDCWD is the cwd, a
 * descriptor that is not open EBADF, one that is not a directory
 * ENOTDIR; an absolute path never looks at it, as Linux), do the operation
 * on the kernel copies, free the buffers and drop the directories. Every
 * system call that names a file goes through with_user_paths_at or
 * user_namei_at (the old calls are these with AT_FDCWD), so the copy rules
 * are in one place and no kernel code ever walks a user pointer.
 */
#include "file.h"
#include "fs.h"
#include "lib.h"
#include "mm.h"
#include "proc.h"
#include "vm.h"
#include "hako/errno.h"
#include "hako/fcntl.h"

int copy_path(char *dst, const char *user_path) {
  int n = strncpy_from_user(dst, user_path, PATH_MAX);
  if (n == 0) return -ENOENT;
  return n < 0 ? n : 0;
}

/* The directory a relative path starts from: *base referenced, or NULL
 * for the cwd (AT_FDCWD, or an absolute path: dirfd is not looked at). */
static int path_base(int dirfd, const char *path, struct inode **base) {
  struct file *f;
  *base = NULL;
  if (path[0] == '/' || dirfd == AT_FDCWD) return 0;
  f = fd_get(dirfd);
  if (f == NULL) return -EBADF;
  if (f->inode == NULL || !S_ISDIR(f->inode->mode)) return -ENOTDIR;
  *base = idup(f->inode);
  return 0;
}

int with_user_paths_at(int dirfd, const char *user_path, int dirfd2, const char *user_path2, path_at_fn fn, u32 a,
                       u32 b) {
  char *bufs = (char *)kmalloc(2 * PATH_MAX);
  char *path2 = NULL;
  struct inode *base = NULL, *base2 = NULL;
  int err;
  if (bufs == NULL) return -ENOMEM;
  err = copy_path(bufs, user_path);
  if (err == 0 && user_path2 != NULL) {
    path2 = bufs + PATH_MAX;
    err = copy_path(path2, user_path2);
  }
  if (err == 0) err = path_base(dirfd, bufs, &base);
  if (err == 0 && path2 != NULL) err = path_base(dirfd2, path2, &base2);
  if (err == 0) err = fn(base, bufs, base2, path2, a, b);
  if (base) iput(base);
  if (base2) iput(base2);
  kfree(bufs);
  return err;
}

/* The old interface: both paths from the cwd. */
struct paths_call {
  path_fn fn;
  u32 a, b;
};

static int call_path_fn(struct inode *base, const char *path, struct inode *base2, const char *path2, u32 call,
                        u32 unused) {
  struct paths_call *c = (struct paths_call *)call;
  (void)base;
  (void)base2;
  (void)unused;
  return c->fn(path, path2, c->a, c->b);
}

int with_user_paths(const char *user_path, const char *user_path2, path_fn fn, u32 a, u32 b) {
  struct paths_call c;
  c.fn = fn;
  c.a = a;
  c.b = b;
  return with_user_paths_at(AT_FDCWD, user_path, AT_FDCWD, user_path2, call_path_fn, (u32)&c, 0);
}

/* An empty path with AT_EMPTY_PATH: dirfd's own file (the cwd for
 * AT_FDCWD). Files without an inode (pipes, the console) are EINVAL. */
static struct inode *dirfd_inode(int dirfd, int *err) {
  struct file *f;
  *err = 0;
  if (dirfd == AT_FDCWD) return current->fs && current->fs->cwd ? idup(current->fs->cwd) : vfs_root();
  f = fd_get(dirfd);
  *err = f == NULL ? -EBADF : -EINVAL;
  if (f == NULL || f->inode == NULL) return NULL;
  *err = 0;
  return idup(f->inode);
}

struct inode *user_namei_at(int dirfd, const char *user_path, int flags, int *err) {
  char *path;
  struct inode *base = NULL, *ip = NULL;
  int n;
  if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) {
    *err = -EINVAL;
    return NULL;
  }
  path = (char *)kmalloc(PATH_MAX);
  if (path == NULL) {
    *err = -ENOMEM;
    return NULL;
  }
  n = strncpy_from_user(path, user_path, PATH_MAX);
  if (n == 0 && (flags & AT_EMPTY_PATH)) {
    ip = dirfd_inode(dirfd, err);
  } else {
    *err = n == 0 ? -ENOENT : n < 0 ? n : 0;
    if (*err == 0) *err = path_base(dirfd, path, &base);
    if (*err == 0) ip = namei_at(base, path, !(flags & AT_SYMLINK_NOFOLLOW), err);
    if (base) iput(base);
  }
  kfree(path);
  return ip;
}

/* Resolves a user path from the cwd to a referenced, unlocked inode. */
struct inode *user_namei(const char *user_path, int follow, int *err) {
  return user_namei_at(AT_FDCWD, user_path, follow ? 0 : AT_SYMLINK_NOFOLLOW, err);
}
