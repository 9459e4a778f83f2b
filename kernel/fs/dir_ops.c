/*
 * dir_ops.c — operations that change names: mkdir, rmdir, unlink, link,
 * symlink, mknod, rename, and the creation of open(O_CREAT).
 *
 * Paths are relative to a base directory (the *at calls' descriptor;
 * NULL is the cwd). Each resolves its path(s), then decides — every generic check, in
 * Linux's order and with its errno, comes before the file system is asked:
 * the name there or not (EEXIST, ENOENT), the same file system on both
 * sides (EXDEV), a live parent (ENOENT), write and search permission on
 * the directory (EACCES) and, for a removal or a replacement, the sticky
 * bit (EPERM: fs/permission.c decides both), a mount point untouched
 * (EBUSY), a directory whose file system keeps names (it has the
 * operation: EPERM, or EACCES for open). Moving a directory to another
 * parent also needs write permission on it (its `..` changes).
 * Then the file system's operation (fs.h) does the writes and keeps its
 * own limits (ext2's link count: EMLINK; a non-empty directory:
 * ENOTEMPTY). Locks: the parent, then the child (a child is never the
 * parent here: `.` and `..` are refused first).
 */
#include "fs.h"
#include "lib.h"
#include "proc.h"
#include "hako/errno.h"
#include "hako/fcntl.h"

/* name in dp (locked), or NULL. */
static struct inode *child_of(struct inode *dp, const char *name, int *err) {
  *err = -ENOENT;
  if (dp->op == NULL || dp->op->lookup == NULL) return NULL;
  return dp->op->lookup(dp, name, strlen(name), err);
}

/* name's inode in dp (unlocked), read in so its mode is valid; NULL when
 * there is none (or it cannot be read: *err says which). */
static struct inode *lookup_child(struct inode *dp, const char *name, int *err) {
  struct inode *ip;
  if (ilock_checked(dp) != 0) {
    *err = -EIO;
    return NULL;
  }
  ip = child_of(dp, name, err);
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
  *err = 0;
  return ip;
}

/* Is name taken in dp (locked)? */
static int name_exists(struct inode *dp, const char *name) {
  int err;
  struct inode *ip = child_of(dp, name, &err);
  if (ip == NULL) return 0;
  iput(ip);
  return 1;
}

/* May a new name go into dp (locked)? has_op: its file system has the
 * operation that would make it. */
static int may_add_name(struct inode *dp, int has_op) {
  int err;
  if (dp->nlink == 0) return -ENOENT;   /* removed while someone was in it */
  if ((err = inode_permission(dp, MAY_WRITE | MAY_EXEC)) != 0) return err;
  return has_op ? 0 : -EPERM;
}

/* May a new non-directory `name` be made in dp (locked)? In Linux's
 * order: a name already there is EEXIST; a trailing slash (which asks
 * for a directory) is ENOENT; then may_add_name. */
static int may_make_name(struct inode *dp, const char *name, int trailing_slash, int has_op) {
  if (name_exists(dp, name)) return -EEXIST;
  if (trailing_slash) return -ENOENT;
  return may_add_name(dp, has_op);
}

/* May ip (locked or not) leave dp: write and search on dp, then the
 * sticky rule (Linux's may_delete, before its type checks). */
static int may_delete(struct inode *dp, struct inode *ip) {
  int err = inode_permission(dp, MAY_WRITE | MAY_EXEC);
  return err ? err : check_sticky(dp, ip);
}

int vfs_mkdir(struct inode *base, const char *path, u32 mode) {
  char name[NAME_MAX + 1];
  int err;
  struct inode *dp = nameiparent_at(base, path, name, &err);
  if (dp == NULL) return err;
  ilock(dp);
  if (name_exists(dp, name)) err = -EEXIST;
  else err = may_add_name(dp, dp->op && dp->op->mkdir);
  if (err == 0) err = dp->op->mkdir(dp, name, S_IFDIR | (mode & 07777 & ~current->fs->umask));
  iunlockput(dp);
  return err;
}

/* Why name (ip, locked) may not leave dp (locked): 0 when it may. */
static int may_remove(struct inode *dp, struct inode *ip, int want_dir, int slash) {
  int has_op = dp->op && (want_dir ? dp->op->rmdir != NULL : dp->op->unlink != NULL);
  int err;
  if (!want_dir && slash) return S_ISDIR(ip->mode) ? -EISDIR : -ENOTDIR;   /* "dir/", "file/" */
  if ((err = may_delete(dp, ip)) != 0) return err;
  if (want_dir && !S_ISDIR(ip->mode)) return -ENOTDIR;
  if (!want_dir && S_ISDIR(ip->mode)) return -EISDIR;
  if (fs_is_mount_point(ip)) return -EBUSY;
  if (!has_op) return -EPERM;
  if (want_dir && ip == current->fs->cwd) return -EBUSY;
  return 0;
}

/* Removes name from its directory: a directory (rmdir) or anything else
 * (unlink). */
int vfs_remove(struct inode *base, const char *path, int want_dir) {
  char name[NAME_MAX + 1];
  int err;
  struct inode *dp = nameiparent_at(base, path, name, &err);
  struct inode *ip;
  /* No last component: the path is "/", busy for rmdir, a directory for
   * unlink (as Linux). */
  if (dp == NULL) return err == -EEXIST ? (want_dir ? -EBUSY : -EISDIR) : err;
  if (is_dot_or_dotdot(name)) {
    iput(dp);
    return want_dir ? (name[1] == 0 ? -EINVAL : -ENOTEMPTY) : -EISDIR;
  }
  ilock(dp);
  ip = child_of(dp, name, &err);
  if (ip == NULL) {
    iunlockput(dp);
    return -ENOENT;
  }
  ilock(ip);
  err = may_remove(dp, ip, want_dir, has_trailing_slash(path));
  if (err == 0) err = want_dir ? dp->op->rmdir(dp, name, ip) : dp->op->unlink(dp, name, ip);
  iunlockput(ip);
  iunlockput(dp);
  return err;
}

/* Why ip may not get the new name in dp (locked), in Linux's order. */
static int may_link(struct inode *dp, const char *name, struct inode *ip, int slash) {
  int err;
  if (name_exists(dp, name)) return -EEXIST;
  if (slash) return -ENOENT;   /* "new/" names a directory that is not there */
  if (!fs_same_mount(ip, dp)) return -EXDEV;
  if ((err = may_add_name(dp, dp->op && dp->op->link)) != 0) return err;
  if (S_ISDIR(ip->mode)) return -EPERM;
  if (ip->nlink == 0) return -ENOENT;
  return 0;
}

/* follow: resolve a final symlink of old (linkat's AT_SYMLINK_FOLLOW). */
int vfs_link(struct inode *obase, const char *old, struct inode *nbase, const char *new, int follow) {
  char name[NAME_MAX + 1];
  int err;
  struct inode *ip = namei_at(obase, old, follow, &err);
  struct inode *dp;
  if (ip == NULL) return err;
  if (ilock_checked(ip) != 0) {
    iput(ip);
    return -EIO;
  }
  iunlock(ip);
  dp = nameiparent_at(nbase, new, name, &err);
  if (dp == NULL) {
    iput(ip);
    return err;
  }
  ilock(dp);
  err = may_link(dp, name, ip, has_trailing_slash(new));
  if (err == 0) err = dp->op->link(ip, dp, name);   /* locks ip: not a directory, so not dp */
  iunlockput(dp);
  iput(ip);
  return err;
}

int vfs_symlink(const char *target, struct inode *base, const char *path) {
  char name[NAME_MAX + 1];
  int err;
  struct inode *dp = nameiparent_at(base, path, name, &err);
  if (dp == NULL) return err;
  ilock(dp);
  err = may_make_name(dp, name, has_trailing_slash(path), dp->op && dp->op->symlink);
  if (err == 0) err = dp->op->symlink(dp, name, target);
  iunlockput(dp);
  return err;
}

/* A FIFO, socket, device node or empty regular file (mode says which,
 * the sys layer has refused the rest); device nodes are root's (EPERM),
 * checked after the name and the directory as Linux's vfs_mknod. */
int vfs_mknod(struct inode *base, const char *path, u32 mode, u32 dev) {
  char name[NAME_MAX + 1];
  int err;
  struct inode *dp = nameiparent_at(base, path, name, &err);
  if (dp == NULL) return err;
  ilock(dp);
  err = may_make_name(dp, name, has_trailing_slash(path), dp->op && dp->op->mknod);
  if (err == 0 && (S_ISCHR(mode) || S_ISBLK(mode)) && current->uid != 0) err = -EPERM;
  if (err == 0) err = dp->op->mknod(dp, name, (mode & S_IFMT) | (mode & 07777 & ~current->fs->umask), dev);
  iunlockput(dp);
  return err;
}

/* Is `dir` inside the subtree of `top` (or top itself)? Climbs ".." to
 * the root of dir's file system: 1 or 0, or -EIO when the climb breaks
 * off (a missing `..`, or a chain longer than the file system has inodes:
 * a loop of `..` entries on a damaged disk) rather than guessing or
 * climbing forever. */
static int is_under(struct inode *dir, struct inode *top) {
  struct inode *cur = idup(dir);
  u32 steps;
  for (steps = 0; steps <= dir->sb->max_inodes; steps++) {
    struct inode *up;
    int err;
    if (fs_same_inode(cur, top)) {
      iput(cur);
      return 1;
    }
    if (is_root_of_sb(cur)) {
      iput(cur);
      return 0;
    }
    up = lookup_one(cur, "..", 2, &err);
    iput(cur);
    if (up == NULL) return -EIO;   /* unreadable, or a directory without `..`: damaged, so refuse */
    cur = up;
  }
  iput(cur);
  return -EIO;
}

/* The checks of rename, all before anything is written, in Linux's order
 * (do_renameat2, then vfs_rename). On 0, *ip is the inode to move and
 * *target the one it replaces (or NULL); both referenced, either way. */
static int may_rename(struct inode *odp, const char *oname, struct inode *ndp, const char *nname, int slash,
                      u32 flags, struct inode **ip, struct inode **target) {
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
  if (*target && (flags & RENAME_NOREPLACE)) return -EEXIST;
  if (*target == *ip) return 0;
  if ((err = may_delete(odp, *ip)) != 0) return err;
  err = *target ? may_delete(ndp, *target) : inode_permission(ndp, MAY_WRITE | MAY_EXEC);
  if (err) return err;
  if (*target) {
    if (S_ISDIR((*target)->mode) && !S_ISDIR((*ip)->mode)) return -EISDIR;
    if (!S_ISDIR((*target)->mode) && S_ISDIR((*ip)->mode)) return -ENOTDIR;
  }
  if (odp->op == NULL || odp->op->rename == NULL) return -EPERM;
  if (fs_is_mount_point(*ip) || (*target && fs_is_mount_point(*target))) return -EBUSY;
  /* A directory given another parent has its `..` rewritten. */
  if (S_ISDIR((*ip)->mode) && !fs_same_inode(odp, ndp)) return inode_permission(*ip, MAY_WRITE);
  return 0;
}

/* flags: 0 or RENAME_NOREPLACE (the sys layer refuses the others). */
int vfs_rename(struct inode *obase, const char *old, struct inode *nbase, const char *new, u32 flags) {
  char oname[NAME_MAX + 1], nname[NAME_MAX + 1];
  int err;
  struct inode *odp, *ndp, *ip, *target;
  /* No last component ("/"): busy, as Linux. */
  odp = nameiparent_at(obase, old, oname, &err);
  if (odp == NULL) return err == -EEXIST ? -EBUSY : err;
  ndp = nameiparent_at(nbase, new, nname, &err);
  if (ndp == NULL) {
    iput(odp);
    return err == -EEXIST ? -EBUSY : err;
  }
  err = may_rename(odp, oname, ndp, nname, has_trailing_slash(old) || has_trailing_slash(new), flags, &ip, &target);
  if (err == 0 && ip != target) err = odp->op->rename(odp, oname, ndp, nname, ip, target);
  if (target) iput(target);
  if (ip) iput(ip);
  iput(odp);
  iput(ndp);
  return err;
}

/* open(O_CREAT): every refusal comes before the inode is allocated
 * (Linux's errno: a directory or a trailing slash is EISDIR, a directory
 * whose file system keeps no user names, such as /proc, EACCES). */
struct inode *vfs_create(struct inode *base, const char *path, u32 mode, int flags, int *err, int *created) {
  char name[NAME_MAX + 1];
  struct inode *dp;
  struct inode *ip;
  *created = 0;
  if (has_trailing_slash(path)) {
    *err = -EISDIR;   /* "new/", "dir/" and "/" */
    return NULL;
  }
  dp = nameiparent_at(base, path, name, err);
  if (dp == NULL) return NULL;
  ilock(dp);
  ip = child_of(dp, name, err);
  if (ip != NULL) {
    iunlockput(dp);
    if (flags & O_EXCL) {
      iput(ip);
      *err = -EEXIST;
      return NULL;
    }
    ilock(ip);
    if (S_ISLNK(ip->mode) && !(flags & O_NOFOLLOW)) {
      /* Follow it: the target is what gets opened (or created). With
       * O_NOFOLLOW the link itself goes back: open says ELOOP. */
      iunlockput(ip);
      ip = namei_at(base, path, 1, err);
      if (ip == NULL) return NULL;
      ilock(ip);
    }
    if (S_ISDIR(ip->mode)) {
      iunlockput(ip);
      *err = -EISDIR;
      return NULL;
    }
    *err = 0;
    return ip;
  }
  *err = may_add_name(dp, dp->op && dp->op->create);
  if (*err == -EPERM) *err = -EACCES;   /* no names made here (/proc): open's errno */
  ip = *err ? NULL : dp->op->create(dp, name, S_IFREG | (mode & 07777 & ~current->fs->umask), err);
  *created = ip != NULL;
  iunlockput(dp);
  return ip;
}
