/*
 * namei.c — ext2's VFS operations: the tables, and the directory
 * operations that write (create, mkdir, mknod, rmdir, unlink, link,
 * symlink, rename, setattr).
 *
 * The VFS (fs/dir_ops.c) has made every generic check before calling:
 * here remain ext2's own limits (EXT2_LINK_MAX links: EMLINK; a directory
 * with entries: ENOTEMPTY), then the writes, in an order that keeps link
 * counts never lower than the number of directory entries (a crash may
 * leak an inode, never leave an entry pointing at a freed one). What can
 * still fail is an allocation (ENOSPC), undone before returning, or the
 * disk itself (EIO). Directories come locked as fs.h says.
 */
#include "dev.h"
#include "fs.h"
#include "fs/ext2/ext2.h"
#include "lib.h"
#include "hako/errno.h"

/* Gives a new non-directory inode (locked) its one link, the entry name in
 * dp (locked). On failure it is left with no link, so its last iput frees
 * it and whatever blocks it got. */
static int link_new_inode(struct inode *dp, const char *name, struct inode *ip) {
  int err;
  ip->nlink = 1;
  ext2_write_inode(ip);
  err = dirlink(dp, name, strlen(name), ip);
  if (err) ip->nlink = 0;
  return err;
}

static struct inode *ext2_create(struct inode *dp, const char *name, u32 mode, int *err) {
  struct inode *ip = inode_create(dp->sb, mode, err);
  if (ip == NULL) return NULL;
  inode_init_owner(ip, dp);
  *err = link_new_inode(dp, name, ip);
  if (*err) {
    iunlockput(ip);
    return NULL;
  }
  return ip;
}

static int ext2_mkdir(struct inode *dp, const char *name, u32 mode) {
  int err;
  struct inode *ip;
  if (dp->nlink >= EXT2_LINK_MAX) return -EMLINK;
  ip = inode_create(dp->sb, mode, &err);
  if (ip == NULL) return err;
  inode_init_owner(ip, dp);
  err = dirlink(ip, ".", 1, ip);
  if (err == 0) err = dirlink(ip, "..", 2, dp);
  if (err == 0) {
    ip->nlink = 2;
    ext2_write_inode(ip);
    err = dirlink(dp, name, strlen(name), ip);
  }
  if (err == 0) {
    dp->nlink++;
    ext2_write_inode(dp);
  } else {
    ip->nlink = 0;   /* the last iput frees the inode and its block */
  }
  iunlockput(ip);
  return err;
}

/* dp and ip locked. */
static int ext2_unlink(struct inode *dp, const char *name, struct inode *ip) {
  int err = dirunlink(dp, name, strlen(name));
  if (err) return err;
  ip->nlink--;
  ip->ctime = time_now();
  ext2_write_inode(ip);
  return 0;
}

static int ext2_rmdir(struct inode *dp, const char *name, struct inode *ip) {
  int err;
  if (!dir_is_empty(ip)) return -ENOTEMPTY;
  err = dirunlink(dp, name, strlen(name));
  if (err) return err;
  ip->nlink = 0;
  dp->nlink--;
  ext2_write_inode(dp);
  ip->ctime = time_now();
  ext2_write_inode(ip);
  return 0;
}

/* dp locked; ip is not a directory, so not dp: parent, then child. */
static int ext2_link(struct inode *ip, struct inode *dp, const char *name) {
  u32 old_ctime;
  int err;
  if (ip->nlink >= EXT2_LINK_MAX) return -EMLINK;
  ilock(ip);
  old_ctime = ip->ctime;
  ip->nlink++;
  ip->ctime = time_now();
  ext2_write_inode(ip);
  err = dirlink(dp, name, strlen(name), ip);
  if (err) {
    ip->nlink--;
    ip->ctime = old_ctime;
    ext2_write_inode(ip);
  }
  iunlock(ip);
  return err;
}

static int ext2_symlink(struct inode *dp, const char *name, const char *target) {
  int err;
  u32 len = strlen(target);
  struct inode *ip = inode_create(dp->sb, S_IFLNK | 0777, &err);
  if (ip == NULL) return err;
  inode_init_owner(ip, dp);
  if (len < 60) {
    memcpy((char *)EXT2_I(ip)->block, target, len);   /* a fast symlink */
    ip->size = len;
  } else {
    int n = writei(ip, target, 0, len, 0);
    if (n != (int)len) err = n < 0 ? n : -ENOSPC;
  }
  if (err == 0) err = link_new_inode(dp, name, ip);
  iunlockput(ip);
  return err;
}

/* A FIFO, socket, device node or empty regular file: an inode without
 * blocks. A device number goes where Linux's ext2 puts it: the old 16-bit
 * encoding in block[0] when major and minor fit a byte each, else the new
 * one in block[1] (e2fsck checks device inodes by this). */
static int ext2_mknod(struct inode *dp, const char *name, u32 mode, u32 rdev) {
  int err;
  struct inode *ip = inode_create(dp->sb, mode, &err);
  if (ip == NULL) return err;
  inode_init_owner(ip, dp);
  if (S_ISCHR(mode) || S_ISBLK(mode)) {
    if ((rdev & ~0xFFFFu) == 0) EXT2_I(ip)->block[0] = rdev;
    else EXT2_I(ip)->block[1] = rdev;
    ext2_set_ops(ip);   /* reads the device number back */
  }
  err = link_new_inode(dp, name, ip);
  iunlockput(ip);
  return err;
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
    ext2_write_inode(target);
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
    ext2_write_inode(target);
  }
  iunlock(target);
}

/* ext2's refusals of a rename the VFS allowed, before anything is written. */
static int may_rename(struct inode *odp, struct inode *ndp, struct inode *ip, struct inode *target) {
  if (S_ISDIR(ip->mode) && odp != ndp && !target && ndp->nlink >= EXT2_LINK_MAX) return -EMLINK;
  if (target && S_ISDIR(target->mode)) {
    int empty;
    if (ilock_checked(target) != 0) return -EIO;
    empty = dir_is_empty(target);
    iunlock(target);
    if (!empty) return -ENOTEMPTY;
  }
  return 0;
}

static int ext2_rename(struct inode *odp, const char *oname, struct inode *ndp, const char *nname, struct inode *ip,
                       struct inode *target) {
  int moves_dir = S_ISDIR(ip->mode) && odp != ndp;
  int err = may_rename(odp, ndp, ip, target);
  if (err) return err;
  ilock(ndp);
  if (target) err = unlink_target(ndp, nname, target);
  if (err == 0) {
    err = dirlink(ndp, nname, strlen(nname), ip);
    if (err && target) restore_target(ndp, nname, target);
  }
  if (err == 0 && moves_dir) ndp->nlink++;
  ext2_write_inode(ndp);
  iunlock(ndp);
  if (err) return err;
  ilock(ip);
  if (moves_dir) {
    /* Same length, so the slack the removal leaves takes the new entry. */
    dirunlink(ip, "..", 2);
    dirlink(ip, "..", 2, ndp);
  }
  ip->ctime = time_now();
  ext2_write_inode(ip);
  iunlock(ip);
  ilock(odp);
  err = dirunlink(odp, oname, strlen(oname));
  if (err == 0 && moves_dir) {
    odp->nlink--;
    ext2_write_inode(odp);
  }
  iunlock(odp);
  return err;
}

/* chmod, chown, utimes, truncate (ip locked). */
static int ext2_setattr(struct inode *ip, struct iattr *a) {
  if (a->valid & ATTR_SIZE) return itrunc(ip, a->size);
  setattr_copy(ip, a);
  ext2_write_inode(ip);
  return 0;
}

const struct inode_operations ext2_dir_inode_ops = {
  .lookup = ext2_lookup,
  .create = ext2_create,
  .link = ext2_link,
  .unlink = ext2_unlink,
  .symlink = ext2_symlink,
  .mkdir = ext2_mkdir,
  .mknod = ext2_mknod,
  .rmdir = ext2_rmdir,
  .rename = ext2_rename,
  .setattr = ext2_setattr,
};

const struct inode_operations ext2_file_inode_ops = {
  .setattr = ext2_setattr,
  .bmap = ext2_bmap,
};

const struct inode_operations ext2_symlink_inode_ops = {
  .readlink = ext2_readlink,
  .setattr = ext2_setattr,
};

const struct inode_operations ext2_special_inode_ops = {
  .setattr = ext2_setattr,
};

const struct file_ops ext2_dir_ops = {
  .read = generic_dir_read,
  .llseek = generic_llseek,
  .iterate = ext2_readdir,
};
