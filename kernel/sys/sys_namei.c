/*
 * sys_namei.c — system calls that work on names: mkdir, rmdir, unlink,
 * link, symlink, readlink, rename, truncate, chmod, chown, utime(s),
 * chdir, fchdir, getcwd, access.
 *
 * Each copies its path(s) from user space first (EFAULT, ENAMETOOLONG),
 * resolves them, then changes the volume in an order that keeps link
 * counts never lower than the number of directory entries (a crash may
 * leak an inode, never leave an entry pointing at a freed one).
 */
#include "gen/syscall_table.h"
#include "dev.h"
#include "file.h"
#include "fs.h"
#include "lib.h"
#include "mm.h"
#include "printk.h"
#include "proc.h"
#include "hako/errno.h"
#include "vm.h"

int copy_path(char *dst, const char *user_path);
int read_link(struct inode *ip, char *out, u32 size);

/* Two kernel path buffers in one allocation. */
static char *path_buffers(void) {
  return (char *)kmalloc(2 * PATH_MAX);
}

static int is_dot_or_dotdot(const char *name) {
  return (name[0] == '.' && name[1] == 0) || (name[0] == '.' && name[1] == '.' && name[2] == 0);
}

static int do_mkdir(const char *path, u32 mode) {
  char name[NAME_MAX + 1];
  int err;
  struct inode *dp = nameiparent(path, name, &err);
  struct inode *ip;
  if (dp == NULL) return err;
  ilock(dp);
  ip = dirlookup(dp, name, strlen(name), NULL);
  if (ip) {
    iput(ip);
    iunlockput(dp);
    return -EEXIST;
  }
  if (dp->nlink == 0) {
    iunlockput(dp);
    return -ENOENT;
  }
  ip = inode_create(S_IFDIR | (mode & 07777 & ~current->umask), current->uid, current->gid, &err);
  if (ip == NULL) {
    iunlockput(dp);
    return err;
  }
  err = dirlink(ip, ".", 1, ip);
  if (err == 0) err = dirlink(ip, "..", 2, dp);
  if (err == 0) {
    ip->nlink = 2;
    iupdate(ip);
    err = dirlink(dp, name, strlen(name), ip);
    if (err) ip->nlink = 0;
  }
  if (err == 0) {
    dp->nlink++;
    iupdate(dp);
  }
  iunlockput(ip);
  iunlockput(dp);
  return err;
}

int sys_mkdir(const char *user_path, int mode) {
  char *path = path_buffers();
  int err;
  if (path == NULL) return -ENOMEM;
  err = copy_path(path, user_path);
  if (err == 0) err = do_mkdir(path, (u32)mode);
  kfree(path);
  return err;
}

/* Removes name from its directory: a directory (rmdir) or anything else
 * (unlink). */
static int do_remove(const char *path, int want_dir) {
  char name[NAME_MAX + 1];
  int err;
  struct inode *dp = nameiparent(path, name, &err);
  struct inode *ip;
  if (dp == NULL) return err == -EEXIST ? -EBUSY : err;
  if (is_dot_or_dotdot(name)) {
    iput(dp);
    return want_dir ? (name[1] == 0 ? -EINVAL : -ENOTEMPTY) : -EISDIR;
  }
  ilock(dp);
  ip = dirlookup(dp, name, strlen(name), NULL);
  if (ip == NULL) {
    iunlockput(dp);
    return -ENOENT;
  }
  ilock(ip);
  if (want_dir && !S_ISDIR(ip->mode)) err = -ENOTDIR;
  else if (!want_dir && S_ISDIR(ip->mode)) err = -EISDIR;
  else if (want_dir && !dir_is_empty(ip)) err = -ENOTEMPTY;
  else if (want_dir && ip == current->cwd) err = -EBUSY;
  if (err == 0) err = dirunlink(dp, name, strlen(name));
  if (err == 0) {
    if (want_dir) {
      ip->nlink = 0;
      dp->nlink--;
      iupdate(dp);
    } else {
      ip->nlink--;
    }
    ip->ctime = time_now();
    iupdate(ip);
  }
  iunlockput(ip);
  iunlockput(dp);
  return err;
}

int sys_rmdir(const char *user_path) {
  char *path = path_buffers();
  int err;
  if (path == NULL) return -ENOMEM;
  err = copy_path(path, user_path);
  if (err == 0) err = do_remove(path, 1);
  kfree(path);
  return err;
}

int sys_unlink(const char *user_path) {
  char *path = path_buffers();
  int err;
  if (path == NULL) return -ENOMEM;
  err = copy_path(path, user_path);
  if (err == 0) err = do_remove(path, 0);
  kfree(path);
  return err;
}

static int do_link(const char *old, const char *new) {
  char name[NAME_MAX + 1];
  int err;
  struct inode *ip = namei(old, 0, &err);
  struct inode *dp, *exists;
  if (ip == NULL) return err;
  ilock(ip);
  if (S_ISDIR(ip->mode)) {
    iunlockput(ip);
    return -EPERM;
  }
  ip->nlink++;
  ip->ctime = time_now();
  iupdate(ip);
  iunlock(ip);
  dp = nameiparent(new, name, &err);
  if (dp) {
    ilock(dp);
    exists = dirlookup(dp, name, strlen(name), NULL);
    if (exists) {
      iput(exists);
      err = -EEXIST;
    } else {
      err = dirlink(dp, name, strlen(name), ip);
    }
    iunlockput(dp);
  }
  if (err) {
    ilock(ip);
    ip->nlink--;
    iupdate(ip);
    iunlock(ip);
  }
  iput(ip);
  return err;
}

int sys_link(const char *user_old, const char *user_new) {
  char *bufs = path_buffers();
  int err;
  if (bufs == NULL) return -ENOMEM;
  err = copy_path(bufs, user_old);
  if (err == 0) err = copy_path(bufs + PATH_MAX, user_new);
  if (err == 0) err = do_link(bufs, bufs + PATH_MAX);
  kfree(bufs);
  return err;
}

static int do_symlink(const char *target, const char *path) {
  char name[NAME_MAX + 1];
  int err;
  u32 len = strlen(target);
  struct inode *dp = nameiparent(path, name, &err);
  struct inode *ip;
  if (dp == NULL) return err;
  ilock(dp);
  ip = dirlookup(dp, name, strlen(name), NULL);
  if (ip) {
    iput(ip);
    iunlockput(dp);
    return -EEXIST;
  }
  ip = inode_create(S_IFLNK | 0777, current->uid, current->gid, &err);
  if (ip == NULL) {
    iunlockput(dp);
    return err;
  }
  if (len < 60) {
    memcpy((char *)ip->block, target, len);   /* a fast symlink */
    ip->size = len;
  } else {
    int n = writei(ip, target, 0, len, 0);
    if (n != (int)len) err = n < 0 ? n : -ENOSPC;
  }
  if (err == 0) {
    ip->nlink = 1;
    iupdate(ip);
    err = dirlink(dp, name, strlen(name), ip);
    if (err) ip->nlink = 0;
  }
  iunlockput(ip);
  iunlockput(dp);
  return err;
}

int sys_symlink(const char *user_target, const char *user_path) {
  char *bufs = path_buffers();
  int err;
  if (bufs == NULL) return -ENOMEM;
  err = copy_path(bufs, user_target);
  if (err == 0) err = copy_path(bufs + PATH_MAX, user_path);
  if (err == 0) err = do_symlink(bufs, bufs + PATH_MAX);
  kfree(bufs);
  return err;
}

int sys_readlink(const char *user_path, char *user_buf, int size) {
  char *bufs = path_buffers();
  struct inode *ip;
  int err;
  if (bufs == NULL) return -ENOMEM;
  if (size <= 0) {
    kfree(bufs);
    return -EINVAL;
  }
  err = copy_path(bufs, user_path);
  if (err == 0) {
    ip = namei(bufs, 0, &err);
    if (ip) {
      ilock(ip);
      if (!S_ISLNK(ip->mode)) {
        err = -EINVAL;
      } else {
        int n = read_link(ip, bufs + PATH_MAX, PATH_MAX);
        if (n >= 0) {
          if (n > size) n = size;
          err = copyout(user_buf, bufs + PATH_MAX, (u32)n);
          if (err == 0) err = n;
        } else {
          err = n;
        }
      }
      iunlockput(ip);
    }
  }
  kfree(bufs);
  return err;
}

/* Is `dir` inside the subtree of `top` (or top itself)? Walks ".." up. */
static int is_under(struct inode *dir, struct inode *top) {
  struct inode *cur = idup(dir);
  int depth;
  for (depth = 0; depth < 256; depth++) {
    struct inode *up;
    if (cur->ino == top->ino) {
      iput(cur);
      return 1;
    }
    if (cur->ino == ROOT_INO) break;
    ilock(cur);
    up = dirlookup(cur, "..", 2, NULL);
    iunlockput(cur);
    if (up == NULL) return 0;
    cur = up;
  }
  iput(cur);
  return 0;
}

static int do_rename(const char *old, const char *new) {
  char oname[NAME_MAX + 1], nname[NAME_MAX + 1];
  int err;
  struct inode *odp, *ndp, *ip, *target;
  odp = nameiparent(old, oname, &err);
  if (odp == NULL) return err == -EEXIST ? -EBUSY : err;
  ndp = nameiparent(new, nname, &err);
  if (ndp == NULL) {
    iput(odp);
    return err == -EEXIST ? -EBUSY : err;
  }
  if (is_dot_or_dotdot(oname) || is_dot_or_dotdot(nname)) {
    err = -EINVAL;
    goto out;
  }
  ilock(odp);
  ip = dirlookup(odp, oname, strlen(oname), NULL);
  iunlock(odp);
  if (ip == NULL) {
    err = -ENOENT;
    goto out;
  }
  ilock(ip);
  iunlock(ip);
  if (S_ISDIR(ip->mode) && is_under(ndp, ip)) {
    iput(ip);
    err = -EINVAL;
    goto out;
  }
  ilock(ndp);
  target = dirlookup(ndp, nname, strlen(nname), NULL);
  if (target) {
    if (target == ip) {
      iput(target);
      iunlock(ndp);
      iput(ip);
      err = 0;
      goto out;
    }
    ilock(target);
    if (S_ISDIR(target->mode) && !S_ISDIR(ip->mode)) err = -EISDIR;
    else if (!S_ISDIR(target->mode) && S_ISDIR(ip->mode)) err = -ENOTDIR;
    else if (S_ISDIR(target->mode) && !dir_is_empty(target)) err = -ENOTEMPTY;
    if (err == 0) err = dirunlink(ndp, nname, strlen(nname));
    if (err == 0) {
      if (S_ISDIR(target->mode)) {
        target->nlink = 0;
        ndp->nlink--;
      } else {
        target->nlink--;
      }
      iupdate(target);
    }
    iunlockput(target);
    if (err) {
      iunlock(ndp);
      iput(ip);
      goto out;
    }
  }
  ilock(ip);
  err = dirlink(ndp, nname, strlen(nname), ip);
  if (err == 0 && S_ISDIR(ip->mode) && odp != ndp) {
    ndp->nlink++;
    iupdate(ndp);
  }
  iunlock(ndp);
  if (err == 0 && S_ISDIR(ip->mode) && odp != ndp) {
    dirunlink(ip, "..", 2);
    dirlink(ip, "..", 2, ndp);
  }
  ip->ctime = time_now();
  iupdate(ip);
  iunlock(ip);
  if (err == 0) {
    ilock(odp);
    err = dirunlink(odp, oname, strlen(oname));
    if (err == 0 && S_ISDIR(ip->mode) && odp != ndp) {
      odp->nlink--;
      iupdate(odp);
    }
    iunlock(odp);
  }
  iput(ip);
out:
  iput(odp);
  iput(ndp);
  return err;
}

int sys_rename(const char *user_old, const char *user_new) {
  char *bufs = path_buffers();
  int err;
  if (bufs == NULL) return -ENOMEM;
  err = copy_path(bufs, user_old);
  if (err == 0) err = copy_path(bufs + PATH_MAX, user_new);
  if (err == 0) err = do_rename(bufs, bufs + PATH_MAX);
  kfree(bufs);
  return err;
}

/* Resolves a user path to a referenced, unlocked inode. */
static struct inode *user_namei(const char *user_path, int follow, int *err) {
  char *path = path_buffers();
  struct inode *ip = NULL;
  if (path == NULL) {
    *err = -ENOMEM;
    return NULL;
  }
  *err = copy_path(path, user_path);
  if (*err == 0) ip = namei(path, follow, err);
  kfree(path);
  return ip;
}

int sys_truncate(const char *user_path, int length) {
  int err;
  struct inode *ip;
  if (length < 0) return -EINVAL;
  ip = user_namei(user_path, 1, &err);
  if (ip == NULL) return err;
  ilock(ip);
  if (S_ISDIR(ip->mode)) err = -EISDIR;
  else if (!S_ISREG(ip->mode)) err = -EINVAL;
  else err = itrunc(ip, (u32)length);
  iunlockput(ip);
  return err;
}

static int set_mode(struct inode *ip, u32 mode) {
  ilock(ip);
  ip->mode = (ip->mode & S_IFMT) | (mode & 07777);
  ip->ctime = time_now();
  iupdate(ip);
  iunlock(ip);
  return 0;
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
  if (current->uid != 0) return -EPERM;
  ilock(ip);
  if (uid != -1) ip->uid = (u32)uid & 0xFFFF;
  if (gid != -1) ip->gid = (u32)gid & 0xFFFF;
  ip->ctime = time_now();
  iupdate(ip);
  iunlock(ip);
  return 0;
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

/* utimes(271): times[0] access, times[1] modification, as {sec, usec};
 * NULL means now. */
int sys_utimes(const char *user_path, const u32 *user_times) {
  u32 t[4];
  int err;
  struct inode *ip;
  if (user_times) {
    if (copyin(t, user_times, sizeof t) != 0) return -EFAULT;
  } else {
    t[0] = t[2] = time_now();
  }
  ip = user_namei(user_path, 1, &err);
  if (ip == NULL) return err;
  ilock(ip);
  ip->atime = t[0];
  ip->mtime = t[2];
  ip->ctime = time_now();
  iupdate(ip);
  iunlockput(ip);
  return 0;
}

/* utime(30): struct utimbuf { actime, modtime } or NULL for now. */
int sys_utime(const char *user_path, const u32 *user_buf) {
  u32 t[2];
  u32 tv[4];
  if (user_buf == NULL) return sys_utimes(user_path, NULL);
  if (copyin(t, user_buf, sizeof t) != 0) return -EFAULT;
  tv[0] = t[0];
  tv[1] = 0;
  tv[2] = t[1];
  tv[3] = 0;
  {
    int err;
    struct inode *ip = user_namei(user_path, 1, &err);
    if (ip == NULL) return err;
    ilock(ip);
    ip->atime = tv[0];
    ip->mtime = tv[2];
    ip->ctime = time_now();
    iupdate(ip);
    iunlockput(ip);
  }
  return 0;
}

static int set_cwd(struct inode *ip) {
  ilock(ip);
  if (!S_ISDIR(ip->mode)) {
    iunlockput(ip);
    return -ENOTDIR;
  }
  iunlock(ip);
  if (current->cwd) iput(current->cwd);
  current->cwd = ip;
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

/* Finds the name of child inode `ino` in directory dp (locked). */
static int name_in_dir(struct inode *dp, u32 ino, char *out) {
  u32 off = 0;
  struct ext2_entry {
    u32 inode;
    u16 rec_len;
    u8 name_len;
    u8 file_type;
  } e;
  while (off < dp->size) {
    if (readi(dp, &e, off, sizeof e, 0) != (int)sizeof e || e.rec_len < 8) return -EIO;
    if (e.inode == ino && e.name_len > 0 &&
        readi(dp, out, off + 8, e.name_len, 0) == (int)e.name_len) {
      out[e.name_len] = 0;
      if (!is_dot_or_dotdot(out)) return 0;
    }
    off += e.rec_len;
  }
  return -ENOENT;
}

/* Linux's getcwd returns the length including the NUL. */
int sys_getcwd(char *user_buf, u32 size) {
  char *bufs = path_buffers();
  char *path, *name;
  u32 pos;
  struct inode *cur;
  int err = 0, depth;
  if (bufs == NULL) return -ENOMEM;
  path = bufs;
  name = bufs + PATH_MAX;
  pos = PATH_MAX - 1;
  path[pos] = 0;
  cur = current->cwd ? idup(current->cwd) : iget(ROOT_INO);
  for (depth = 0; cur->ino != ROOT_INO && depth < 256; depth++) {
    struct inode *up;
    u32 len;
    ilock(cur);
    up = dirlookup(cur, "..", 2, NULL);
    iunlock(cur);
    if (up == NULL) {
      err = -ENOENT;
      break;
    }
    ilock(up);
    err = name_in_dir(up, cur->ino, name);
    iunlock(up);
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
  iput(cur);
  if (err == 0) {
    u32 len;
    if (pos == PATH_MAX - 1) path[--pos] = '/';
    len = PATH_MAX - pos;   /* with the NUL */
    if (len > size) err = -ERANGE;
    else if (copyout(user_buf, path + pos, len) != 0) err = -EFAULT;
    else err = (int)len;
  }
  kfree(bufs);
  return err;
}

#define R_OK 4
#define W_OK 2
#define X_OK 1

/* Root may read and write anything; execute needs some x bit (as Linux). */
int sys_access(const char *user_path, int mode) {
  int err;
  struct inode *ip;
  if (mode & ~7) return -EINVAL;
  ip = user_namei(user_path, 1, &err);
  if (ip == NULL) return err;
  ilock(ip);
  if ((mode & X_OK) && !S_ISDIR(ip->mode) && !(ip->mode & 0111)) err = -EACCES;
  iunlockput(ip);
  return err;
}
