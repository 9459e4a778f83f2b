/*
 * sys_namei.c — system calls that work on names: mkdir, rmdir, unlink,
 * link, symlink, readlink, rename, truncate, chmod, chown, utime(s),
 * access. (chdir and getcwd: sys_cwd.c.)
 *
 * Each copies its path(s) from user space first (EFAULT, ENAMETOOLONG),
 * resolves them, then decides — every check, in Linux's order and with
 * its errno, comes before the first write: the same file system on both
 * sides (EXDEV), a mount point untouched (EBUSY), a directory whose file
 * system keeps names (EPERM), a live parent (ENOENT), link counts below
 * ext2's limit (EMLINK). Only then does it change the volume, in an order
 * that keeps link counts never lower than the number of directory entries
 * (a crash may leak an inode, never leave an entry pointing at a freed
 * one). What can still fail after that is an allocation (ENOSPC), undone
 * before returning, or the disk itself (EIO). The mount questions are
 * fs/mount.c's.
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

#define LINK_MAX 32000   /* ext2's EXT2_LINK_MAX: links to one inode */

/* Two kernel path buffers in one allocation. */
static char *path_buffers(void) {
  return (char *)kmalloc(2 * PATH_MAX);
}

static int is_dot_or_dotdot(const char *name) {
  return (name[0] == '.' && name[1] == 0) || (name[0] == '.' && name[1] == '.' && name[2] == 0);
}

/* "a/" or "a//": the path asks for a directory (nameiparent drops the
 * slashes with the last component). */
static int has_trailing_slash(const char *path) {
  u32 n = strlen(path);
  return n > 0 && path[n - 1] == '/';
}

/* name's inode in dp (unlocked), read in so its mode is valid; NULL when
 * there is none (or it cannot be read: *err says which). */
static struct inode *lookup_child(struct inode *dp, const char *name, int *err) {
  struct inode *ip;
  *err = 0;
  if (ilock_checked(dp) != 0) {
    *err = -EIO;
    return NULL;
  }
  ip = dirlookup(dp, name, strlen(name), NULL);
  iunlock(dp);
  if (ip == NULL) {
    *err = -ENOENT;
    return NULL;
  }
  if (ilock_checked(ip) != 0) {
    iput(ip);
    *err = -EIO;
    return NULL;
  }
  iunlock(ip);
  return ip;
}

/* May a new name (of a directory if is_dir) go into dp (locked)? */
static int may_add_name(struct inode *dp, int is_dir) {
  if (!fs_names_writable(dp)) return -EPERM;
  if (dp->nlink == 0) return -ENOENT;   /* removed while someone was in it */
  if (is_dir && dp->nlink >= LINK_MAX) return -EMLINK;
  return 0;
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
  err = may_add_name(dp, 1);
  if (err) {
    iunlockput(dp);
    return err;
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
  }
  if (err == 0) {
    dp->nlink++;
    iupdate(dp);
  } else {
    ip->nlink = 0;   /* the last iput frees the inode and its block */
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

/* Why name (ip, locked) may not leave dp (locked): 0 when it may. */
static int may_remove(struct inode *dp, struct inode *ip, int want_dir, int slash) {
  if (want_dir && !S_ISDIR(ip->mode)) return -ENOTDIR;
  if (!want_dir && S_ISDIR(ip->mode)) return -EISDIR;
  if (!want_dir && slash) return -ENOTDIR;   /* "file/" */
  if (fs_is_mount_point(ip)) return -EBUSY;
  if (!fs_names_writable(dp)) return -EPERM;
  if (want_dir && !dir_is_empty(ip)) return -ENOTEMPTY;
  if (want_dir && ip == current->cwd) return -EBUSY;
  return 0;
}

/* Removes name from its directory: a directory (rmdir) or anything else
 * (unlink). */
static int do_remove(const char *path, int want_dir) {
  char name[NAME_MAX + 1];
  int err;
  struct inode *dp = nameiparent(path, name, &err);
  struct inode *ip;
  /* No last component: the path is "/", busy for rmdir, a directory for
   * unlink (as Linux). */
  if (dp == NULL) return err == -EEXIST ? (want_dir ? -EBUSY : -EISDIR) : err;
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
  err = may_remove(dp, ip, want_dir, has_trailing_slash(path));
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

/* Why ip may not get the new name in dp (locked), in Linux's order. */
static int may_link(struct inode *dp, const char *name, struct inode *ip, int slash) {
  struct inode *exists = dirlookup(dp, name, strlen(name), NULL);
  if (exists) {
    iput(exists);
    return -EEXIST;
  }
  if (slash) return -ENOENT;   /* "new/" names a directory that is not there */
  if (!fs_same_mount(ip, dp)) return -EXDEV;
  if (!fs_names_writable(dp)) return -EPERM;
  if (S_ISDIR(ip->mode)) return -EPERM;
  if (dp->nlink == 0 || ip->nlink == 0) return -ENOENT;
  if (ip->nlink >= LINK_MAX) return -EMLINK;
  return 0;
}

static int do_link(const char *old, const char *new) {
  char name[NAME_MAX + 1];
  int err;
  struct inode *ip = namei(old, 0, &err);
  struct inode *dp;
  if (ip == NULL) return err;
  if (ilock_checked(ip) != 0) {
    iput(ip);
    return -EIO;
  }
  iunlock(ip);
  dp = nameiparent(new, name, &err);
  if (dp == NULL) {
    iput(ip);
    return err;
  }
  ilock(dp);
  err = may_link(dp, name, ip, has_trailing_slash(new));
  if (err == 0) {
    /* ip is not a directory, so not dp: parent, then child. */
    u32 old_ctime;
    ilock(ip);
    old_ctime = ip->ctime;
    ip->nlink++;
    ip->ctime = time_now();
    iupdate(ip);
    err = dirlink(dp, name, strlen(name), ip);
    if (err) {
      ip->nlink--;
      ip->ctime = old_ctime;
      iupdate(ip);
    }
    iunlock(ip);
  }
  iunlockput(dp);
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
  err = has_trailing_slash(path) ? -ENOENT : may_add_name(dp, 0);
  if (err) {
    iunlockput(dp);
    return err;
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
    if (err) ip->nlink = 0;   /* the last iput frees it */
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

/* Is `dir` inside the subtree of `top` (or top itself)? Climbs ".." to
 * the root: 1 or 0, or -EIO when the climb breaks off (a missing `..`,
 * or a chain longer than the volume has inodes: a loop of `..` entries
 * on a damaged disk) rather than guessing or climbing forever. */
static int is_under(struct inode *dir, struct inode *top) {
  struct inode *cur = idup(dir);
  struct ext2_stats st;
  u32 steps;
  ext2_stats(&st);
  for (steps = 0; steps <= st.inodes; steps++) {
    struct inode *up;
    if (fs_same_inode(cur, top)) {
      iput(cur);
      return 1;
    }
    if (cur->fstype == FS_EXT2 && cur->ino == ROOT_INO) {
      iput(cur);
      return 0;
    }
    if (ilock_checked(cur) != 0) {
      iput(cur);
      return -EIO;
    }
    up = dirlookup(cur, "..", 2, NULL);
    iunlockput(cur);
    if (up == NULL) return -EIO;   /* a directory without `..`: damaged, so refuse */
    cur = up;
  }
  iput(cur);
  return -EIO;
}

/* The checks of rename, all before anything is written, in Linux's order
 * (do_renameat2, then vfs_rename). On 0, *ip is the inode to move and
 * *target the one it replaces (or NULL); both referenced, either way. */
static int may_rename(struct inode *odp, const char *oname, struct inode *ndp, const char *nname, int slash,
                      struct inode **ip, struct inode **target) {
  int err, under;
  *ip = *target = NULL;
  if (!fs_same_mount(odp, ndp)) return -EXDEV;
  if (is_dot_or_dotdot(oname) || is_dot_or_dotdot(nname)) return -EBUSY;
  *ip = lookup_child(odp, oname, &err);
  if (*ip == NULL) return err;
  if (slash && !S_ISDIR((*ip)->mode)) return -ENOTDIR;
  if (ndp->nlink == 0) return -ENOENT;
  if (S_ISDIR((*ip)->mode)) {
    under = is_under(ndp, *ip);
    if (under) return under < 0 ? under : -EINVAL;
  }
  *target = lookup_child(ndp, nname, &err);
  if (*target == NULL && err != -ENOENT) return err;
  if (*target == *ip) return 0;
  if (*target) {
    if (S_ISDIR((*target)->mode) && !S_ISDIR((*ip)->mode)) return -EISDIR;
    if (!S_ISDIR((*target)->mode) && S_ISDIR((*ip)->mode)) return -ENOTDIR;
  }
  if (!fs_names_writable(odp)) return -EPERM;
  if (fs_is_mount_point(*ip) || (*target && fs_is_mount_point(*target))) return -EBUSY;
  if (S_ISDIR((*ip)->mode) && odp != ndp && !*target && ndp->nlink >= LINK_MAX) return -EMLINK;
  if (*target && S_ISDIR((*target)->mode)) {
    int empty;
    if (ilock_checked(*target) != 0) return -EIO;
    empty = dir_is_empty(*target);
    iunlock(*target);
    if (!empty) return -ENOTEMPTY;
  }
  return 0;
}

/* Drops target's entry nname from ndp (locked) and its link. */
static int unlink_target(struct inode *ndp, const char *nname, struct inode *target) {
  int err;
  ilock(target);
  err = dirunlink(ndp, nname, strlen(nname));
  if (err == 0) {
    if (S_ISDIR(target->mode)) {
      target->nlink = 0;
      ndp->nlink--;
    } else {
      target->nlink--;
    }
    target->ctime = time_now();
    iupdate(target);
  }
  iunlock(target);
  return err;
}

/* Puts a replaced target back after the new entry could not be written. */
static void restore_target(struct inode *ndp, const char *nname, struct inode *target) {
  ilock(target);
  if (dirlink(ndp, nname, strlen(nname), target) == 0) {
    if (S_ISDIR(target->mode)) {
      target->nlink = 2;
      ndp->nlink++;
    } else {
      target->nlink++;
    }
    iupdate(target);
  }
  iunlock(target);
}

/* The writes of a rename that may_rename allowed. */
static int rename_move(struct inode *odp, const char *oname, struct inode *ndp, const char *nname,
                       struct inode *ip, struct inode *target) {
  int moves_dir = S_ISDIR(ip->mode) && odp != ndp;
  int err = 0;
  ilock(ndp);
  if (target) err = unlink_target(ndp, nname, target);
  if (err == 0) {
    err = dirlink(ndp, nname, strlen(nname), ip);
    if (err && target) restore_target(ndp, nname, target);
  }
  if (err == 0 && moves_dir) ndp->nlink++;
  iupdate(ndp);
  iunlock(ndp);
  if (err) return err;
  ilock(ip);
  if (moves_dir) {
    /* Same length, so the slack the removal leaves takes the new entry. */
    dirunlink(ip, "..", 2);
    dirlink(ip, "..", 2, ndp);
  }
  ip->ctime = time_now();
  iupdate(ip);
  iunlock(ip);
  ilock(odp);
  err = dirunlink(odp, oname, strlen(oname));
  if (err == 0 && moves_dir) {
    odp->nlink--;
    iupdate(odp);
  }
  iunlock(odp);
  return err;
}

static int do_rename(const char *old, const char *new) {
  char oname[NAME_MAX + 1], nname[NAME_MAX + 1];
  int err;
  struct inode *odp, *ndp, *ip, *target;
  /* No last component ("/"): busy, as Linux. */
  odp = nameiparent(old, oname, &err);
  if (odp == NULL) return err == -EEXIST ? -EBUSY : err;
  ndp = nameiparent(new, nname, &err);
  if (ndp == NULL) {
    iput(odp);
    return err == -EEXIST ? -EBUSY : err;
  }
  err = may_rename(odp, oname, ndp, nname, has_trailing_slash(old) || has_trailing_slash(new), &ip, &target);
  if (err == 0 && ip != target) err = rename_move(odp, oname, ndp, nname, ip, target);
  if (target) iput(target);
  if (ip) iput(ip);
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
struct inode *user_namei(const char *user_path, int follow, int *err) {
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
