/*
 * sys_cwd.c — the current and root directories: chdir, fchdir, chroot,
 * getcwd.
 *
 * The kernel keeps the cwd as an inode, not a string, so getcwd rebuilds
 * the path by climbing `..` to the root (and out of mounts, as path
 * resolution does) and finding each directory's name in its parent
 * through the file system's readdir, right to left in one PATH_MAX buffer (Linux's limit: a
 * path of PATH_MAX bytes or more with its NUL is ENAMETOOLONG; a caller's
 * buffer too small for it is ERANGE). There is no depth limit: every
 * level adds at least two bytes, so the buffer bounds the climb even on a
 * damaged volume whose `..` entries loop. Paths are the caller's: the
 * climb stops at its root (chroot); a cwd outside that root is named
 * "(unreachable)/..." as Linux does. chroot (root only, after the path's
 * own checks, as Linux: ENOENT, ENOTDIR, EACCES, then EPERM) changes only
 * where absolute paths and `..` stop, not the cwd.
 */
#include "gen/syscall_table.h"
#include "file.h"
#include "fs.h"
#include "lib.h"
#include "mm.h"
#include "proc.h"
#include "hako/errno.h"
#include "vm.h"

/* The new cwd must be a directory the caller may search (EACCES). */
static int set_cwd(struct inode *ip) {
  int err;
  ilock(ip);
  err = S_ISDIR(ip->mode) ? inode_permission(ip, MAY_EXEC) : -ENOTDIR;
  if (err) {
    iunlockput(ip);
    return err;
  }
  iunlock(ip);
  if (current->fs->cwd) iput(current->fs->cwd);
  current->fs->cwd = ip;
  return 0;
}

int sys_chdir(const char *user_path) {
  int err;
  struct inode *ip = user_namei(user_path, 1, &err);
  if (ip == NULL) return err;
  return set_cwd(ip);
}

int sys_fchdir(int fd) {
  struct file *f = fd_get(fd);
  if (f == NULL) return -EBADF;
  if (f->inode == NULL) return -ENOTDIR;
  return set_cwd(idup(f->inode));
}

int sys_chroot(const char *user_path) {
  int err;
  struct inode *ip = user_namei(user_path, 1, &err);
  if (ip == NULL) return err;
  ilock(ip);
  err = S_ISDIR(ip->mode) ? inode_permission(ip, MAY_EXEC) : -ENOTDIR;
  iunlock(ip);
  if (err == 0 && current->uid != 0) err = -EPERM;
  if (err) {
    iput(ip);
    return err;
  }
  if (current->fs->root) iput(current->fs->root);
  current->fs->root = ip;
  return 0;
}

struct name_search {
  struct dir_context ctx;   /* first: the actor gets this */
  u32 ino;
  char *out;
  int found;
};

static int match_ino(struct dir_context *ctx, const char *name, u32 len, u32 ino, u32 next, u32 dtype) {
  struct name_search *s = (struct name_search *)ctx;
  (void)next;
  (void)dtype;
  if (ino != s->ino || len == 0 || len > NAME_MAX) return 0;
  if ((len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.')) return 0;
  memcpy(s->out, name, len);
  s->out[len] = 0;
  s->found = 1;
  return 1;
}

/* Finds the name of child inode `ino` in directory dp (unlocked),
 * skipping `.` and `..`; out holds NAME_MAX + 1 bytes. */
static int name_in_dir(struct inode *dp, u32 ino, char *out) {
  struct file f;
  struct name_search s;
  int err;
  memset(&f, 0, sizeof f);
  f.inode = dp;
  f.ops = dp->fop;
  s.ctx.actor = match_ino;
  s.ctx.emitted = 0;
  s.ino = ino;
  s.out = out;
  s.found = 0;
  if (f.ops == NULL) return -ENOTDIR;
  err = vfs_readdir(&f, &s.ctx);
  if (err) return err;
  return s.found ? 0 : -ENOENT;
}

#define UNREACHABLE "(unreachable)"

/* Builds the path of directory start (NULL: the cwd) so that it ends at
 * path[PATH_MAX - 1] (the NUL); returns where it starts, or -errno. A
 * mounted root is named by the directory it covers. name is scratch of
 * NAME_MAX + 1 bytes. The climb stops at the caller's root unless global
 * (mount.c names mount points by their global path). */
static int path_of(struct inode *start, char *path, char *name, int global) {
  u32 pos = PATH_MAX - 1;
  struct inode *cur = start ? idup(start) : (current->fs && current->fs->cwd) ? idup(current->fs->cwd) : vfs_root();
  int err = 0;
  int chrooted = !global && current && current->fs && current->fs->root;
  if (cur == NULL) return -ENOENT;   /* no root file system */
  path[pos] = 0;
  while (!is_global_root(cur) && !(chrooted && is_fs_root(cur))) {
    struct inode *up;
    u32 len;
    if (is_root_of_sb(cur) && (up = mount_covered(cur)) != NULL) {
      iput(cur);
      cur = up;
      continue;
    }
    if (ilock_checked(cur) != 0) {
      err = -EIO;
      break;
    }
    up = cur->op && cur->op->lookup ? cur->op->lookup(cur, "..", 2, &err) : NULL;
    iunlock(cur);
    if (up == NULL) {
      err = -ENOENT;
      break;
    }
    if (ilock_checked(up) != 0) {
      iput(up);
      err = -EIO;
      break;
    }
    iunlock(up);
    err = name_in_dir(up, cur->ino, name);
    iput(cur);
    cur = up;
    if (err) break;
    len = strlen(name);
    if (len + 1 > pos) {
      err = -ENAMETOOLONG;
      break;
    }
    pos -= len;
    memcpy(path + pos, name, len);
    path[--pos] = '/';
  }
  if (err == 0 && chrooted && !is_fs_root(cur)) {   /* climbed past the root: outside it */
    if (pos <= sizeof UNREACHABLE) err = -ENAMETOOLONG;
    else {
      pos -= sizeof UNREACHABLE - 1;
      memcpy(path + pos, UNREACHABLE, sizeof UNREACHABLE - 1);
    }
  }
  iput(cur);
  if (err) return err;
  if (pos == PATH_MAX - 1) path[--pos] = '/';
  return (int)pos;
}

int vfs_path_of(struct inode *start, char *path, char *name) {
  return path_of(start, path, name, 0);
}

int vfs_global_path_of(struct inode *start, char *path, char *name) {
  return path_of(start, path, name, 1);
}

/* Linux's getcwd returns the length including the NUL. */
int sys_getcwd(char *user_buf, u32 size) {
  char *path = (char *)kmalloc(PATH_MAX + NAME_MAX + 1);
  int r;
  if (path == NULL) return -ENOMEM;
  r = vfs_path_of(NULL, path, path + PATH_MAX);
  if (r >= 0) {
    u32 len = PATH_MAX - (u32)r;   /* with the NUL */
    if (len > size) r = -ERANGE;
    else if (copyout(user_buf, path + r, len) != 0) r = -EFAULT;
    else r = (int)len;
  }
  kfree(path);
  return r;
}
