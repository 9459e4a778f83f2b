/*
 * permission.c — every access decision about an inode, in one place: the
 * mode-bit check, the sticky-directory rule, who may change attributes,
 * and access(2)'s check with the real ids. The callers only ask:
 *
 *   path resolution     MAY_EXEC on each directory searched (fs/namei.c)
 *   open                may_open: MAY_READ/MAY_WRITE by O_ACCMODE, plus
 *                       MAY_WRITE for O_TRUNC (sys/sys_open.c)
 *   create, remove      MAY_WRITE | MAY_EXEC on the directory, then the
 *                       sticky rule for a removal (fs/dir_ops.c)
 *   execve, chdir       MAY_EXEC
 *   truncate            MAY_WRITE
 *   chmod, chown,       setattr_prepare, from vfs_setattr (fs/read_write.c)
 *   utimes
 *   write, truncate     file_remove_privs: set-id bits dropped unless root
 *   a new inode         inode_init_owner: its owner and group (file systems
 *                       call it as they make one)
 *   access, faccessat   vfs_access: the same check under the real ids
 *
 * The credentials of a check are the caller's effective ids (Linux's
 * fsuid/fsgid, which Hako keeps equal to the effective ones) and its
 * supplementary groups (in_group_p). The mode bits are read as Linux
 * does: exactly one class applies — the owner's bits if the caller owns
 * the file, else the group's if it is in the file's group, else the
 * others' — so a 0077 file is closed to its owner. Root (effective uid 0:
 * Linux's CAP_DAC_OVERRIDE) may read and write anything and search any
 * directory, but may execute a file only if at least one x bit is set.
 * Refusals are EACCES for the mode bits and EPERM for ownership rules
 * (chmod/chown/explicit times by a non-owner, the sticky bit), as Linux.
 *
 * A file system may decide itself (its `permission` operation);
 * otherwise generic_permission applies the mode bits.
 */
#include "fs.h"
#include "lib.h"
#include "proc.h"
#include "hako/errno.h"
#include "hako/fcntl.h"

static int privileged(void) { return current->uid == 0; }

int generic_permission(struct inode *ip, int mask) {
  u32 granted;
  mask &= MAY_READ | MAY_WRITE | MAY_EXEC;   /* the same bits as r, w, x */
  if (current->uid == ip->uid) granted = (ip->mode >> 6) & 7;
  else if (in_group_p(current, ip->gid)) granted = (ip->mode >> 3) & 7;
  else granted = ip->mode & 7;
  if ((mask & ~granted) == 0) return 0;
  if (!privileged()) return -EACCES;
  if ((mask & MAY_EXEC) && !S_ISDIR(ip->mode) && !(ip->mode & 0111)) return -EACCES;
  return 0;
}

int inode_permission(struct inode *ip, int mask) {
  int err = sb_permission(ip, mask);   /* a read-only mount: EROFS */
  if (err) return err;
  if (ip->op && ip->op->permission) return ip->op->permission(ip, mask);
  return generic_permission(ip, mask);
}

int inode_owner_or_capable(struct inode *ip) {
  return privileged() || current->uid == ip->uid;
}

/* In a sticky directory (/tmp, 1777) a name may be removed or replaced
 * only by the owner of the file, the owner of the directory, or root. */
int check_sticky(struct inode *dp, struct inode *ip) {
  if (!(dp->mode & S_ISVTX)) return 0;
  if (current->uid == ip->uid || current->uid == dp->uid || privileged()) return 0;
  return -EPERM;
}

/* open of an existing inode (locked): the checks of Linux's may_open,
 * after the caller's ENOENT/ENOTDIR. A symlink here is O_NOFOLLOW's
 * ELOOP; a directory opened for writing (O_TRUNC asks for write too) is
 * EISDIR; then the mode bits. */
int may_open(struct inode *ip, int flags) {
  int acc = flags & O_ACCMODE;
  int mask = acc == O_RDONLY ? MAY_READ : acc == O_WRONLY ? MAY_WRITE : MAY_READ | MAY_WRITE;
  if (flags & O_TRUNC) mask |= MAY_WRITE;
  if (S_ISLNK(ip->mode)) return -ELOOP;
  if (S_ISDIR(ip->mode) && (mask & MAY_WRITE)) return -EISDIR;
  return inode_permission(ip, mask);
}

/* The set-id bits a change of owner or of contents drops from a
 * non-directory: set-user-ID, and set-group-ID when group x is set
 * (without it the bit marks mandatory locking and stays). */
static u32 mode_without_setid(u32 mode) {
  u32 kept = mode & ~(u32)S_ISUID;
  if ((mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP)) kept &= ~(u32)S_ISGID;
  return S_ISDIR(mode) ? mode : kept;
}

/* A write or truncate by anyone but root drops the file's set-id bits
 * (Linux's file_remove_privs), so a program someone else changed no
 * longer runs as its owner. ip locked. */
int file_remove_privs(struct inode *ip) {
  struct iattr a;
  if (privileged() || mode_without_setid(ip->mode) == ip->mode) return 0;
  a.valid = ATTR_MODE;
  a.mode = mode_without_setid(ip->mode);
  if (ip->op && ip->op->setattr) return ip->op->setattr(ip, &a);
  ip->mode = (ip->mode & S_IFMT) | (a.mode & 07777);
  return 0;
}

/* A new inode's owner is the caller; its group the caller's, except in a
 * set-group-ID directory, whose group it takes (and a directory made
 * there is set-group-ID too, so the rule carries down the tree) — the
 * way a group shares a project directory. A file made set-group-ID there
 * by someone outside that group loses the bit. Linux's inode_init_owner;
 * ip->mode is the mode asked for (after umask). */
void inode_init_owner(struct inode *ip, struct inode *dir) {
  ip->uid = current->uid;
  if (dir == NULL || !(dir->mode & S_ISGID)) {
    ip->gid = current->gid;
    return;
  }
  ip->gid = dir->gid;
  if (S_ISDIR(ip->mode)) ip->mode |= S_ISGID;
  else if ((ip->mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP) && !privileged() && !in_group_p(current, ip->gid))
    ip->mode &= ~(u32)S_ISGID;
}

/* chown: root may give a file to anyone; its owner may only "give" it to
 * itself (a no-op Linux allows). chgrp: root, or the owner to its current
 * group or one it is a member of. */
static int chown_ok(struct inode *ip, u32 uid) {
  return privileged() || (current->uid == ip->uid && uid == ip->uid);
}

static int chgrp_ok(struct inode *ip, u32 gid) {
  if (privileged()) return 1;
  return current->uid == ip->uid && (gid == ip->gid || in_group_p(current, gid));
}

/* Who may change what, before vfs_setattr asks the file system (ip
 * locked; the request may be adjusted): Linux's setattr_prepare with
 * notify_change's clearing of the set-id bits. */
int setattr_prepare(struct inode *ip, struct iattr *a) {
  int err;
  /* A change of owner (by root too) drops the set-id bits. */
  if (a->valid & (ATTR_UID | ATTR_GID | ATTR_KILL_PRIV)) {
    u32 mode = (ip->mode & S_IFMT) | (((a->valid & ATTR_MODE) ? a->mode : ip->mode) & 07777);
    u32 kept = mode_without_setid(mode);
    if (kept != mode) {
      a->valid |= ATTR_MODE;
      a->mode = kept & 07777;
    }
  }
  if ((a->valid & ATTR_UID) && !chown_ok(ip, a->uid)) return -EPERM;
  if ((a->valid & ATTR_GID) && !chgrp_ok(ip, a->gid)) return -EPERM;
  if (a->valid & ATTR_MODE) {
    u32 gid = (a->valid & ATTR_GID) ? a->gid : ip->gid;
    if (!inode_owner_or_capable(ip)) return -EPERM;
    /* A non-member cannot make a file set-group-ID to a group it is not in. */
    if (!privileged() && !in_group_p(current, gid)) a->mode &= ~(u32)S_ISGID;
  }
  if (a->valid & ATTR_TOUCH) {
    /* Times set to "now": the owner, root, or anyone who may write it. */
    if (!inode_owner_or_capable(ip) && (err = inode_permission(ip, MAY_WRITE)) != 0) return err;
  } else if ((a->valid & (ATTR_ATIME | ATTR_MTIME)) && !inode_owner_or_capable(ip)) {
    return -EPERM;   /* explicit times: the owner or root only */
  }
  return 0;
}

/* access(2) and faccessat: path resolved (from base, NULL: the cwd) and mode (R_OK 4, W_OK 2, X_OK 1:
 * the MAY_* bits; 0 is F_OK) checked as the REAL user and group would be
 * (Linux's access_override_creds), so a set-user-ID program can ask what
 * the user who ran it may do; effective: use the effective ids instead
 * (AT_EACCESS). The real ids are lent as the effective ones for the
 * call: the resolution's search checks use them too, and a process that
 * sleeps on the disk meanwhile shows them in /proc/PID/status. */
int vfs_access(struct inode *base, const char *path, int mode, int follow, int effective) {
  u32 uid = current->uid, gid = current->gid;
  struct inode *ip;
  int err;
  if (!effective) {
    current->uid = current->ruid;
    current->gid = current->rgid;
  }
  ip = namei_at(base, path, follow, &err);
  if (ip != NULL) {
    err = ilock_checked(ip);
    if (err == 0) {
      err = inode_permission(ip, mode);
      iunlock(ip);
    }
    iput(ip);
  }
  current->uid = uid;
  current->gid = gid;
  return err;
}
