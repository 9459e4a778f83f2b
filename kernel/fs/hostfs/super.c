/*
 * super.c — hostfs, the shared folder (the share device's host directory)
 * as a file system: hostfs_fs_type, which the VFS mounts on /host at boot
 * when the device is there, and its inodes.
 *
 * An inode's number is the device's id for the node; reading it asks the
 * device for the attributes (GETATTR). Every file appears owned by uid and
 * gid 1000 with the host's mode bits (the host's owners mean nothing in the
 * guest); times and sizes are the host's. Nothing is cached beyond the
 * inode cache's copy of the attributes, which each lookup refreshes: the
 * host's own changes show at the next lookup, contents at once. Inodes are
 * not written back (the device applies each change as it is made) and not
 * freed (the host owns them), so the superblock has neither operation.
 */
#include "fs.h"
#include "fs/hostfs/hostfs.h"
#include "lib.h"
#include "hako/errno.h"

void hostfs_fill_inode(struct inode *ip, const struct hostfs_attr *a) {
  ip->mode = a->mode;
  ip->uid = HOSTFS_OWNER;
  ip->gid = HOSTFS_OWNER;
  ip->nlink = a->nlink ? a->nlink : 1;
  ip->size = a->size;
  ip->atime = a->atime;
  ip->mtime = a->mtime;
  ip->ctime = a->ctime;
  ip->blocks = (a->size + 511) / 512;
  ip->rdev = 0;
  if (S_ISDIR(ip->mode)) {
    ip->op = &hostfs_dir_inode_ops;
    ip->fop = &hostfs_dir_ops;
  } else if (S_ISLNK(ip->mode)) {
    ip->op = &hostfs_symlink_inode_ops;
    ip->fop = &hostfs_file_ops;
  } else {
    ip->op = &hostfs_file_inode_ops;
    ip->fop = &hostfs_file_ops;
  }
}

static int hostfs_read_inode(struct inode *ip, int want_live) {
  struct hostfs_req r;
  struct hostfs_attr a;
  int n;
  (void)want_live;
  memset(&r, 0, sizeof r);
  r.op = HOSTFS_GETATTR;
  r.a[0] = ip->ino;
  n = hostfs_call(&r, &a, sizeof a);
  if (n < 0) return n;
  if (n != (int)sizeof a) return -EIO;
  hostfs_fill_inode(ip, &a);
  return 0;
}

static int hostfs_statfs(struct super_block *sb, struct kstatfs *st) {
  (void)sb;
  st->type = HOSTFS_SUPER_MAGIC;
  st->bsize = HOSTFS_CHUNK;
  return 0;
}

static const struct super_operations hostfs_super_ops = {
  .read_inode = hostfs_read_inode,
  .statfs = hostfs_statfs,
};

static int hostfs_fill_super(struct super_block *sb, int dev) {
  (void)dev;
  if (!hostfs_present()) return -ENODEV;
  sb->s_op = &hostfs_super_ops;
  sb->s_dev = anon_dev_alloc();
  sb->root_ino = HOSTFS_ROOT_ID;
  sb->max_inodes = 0xFFFFFFFFu;
  return 0;
}

const struct file_system_type hostfs_fs_type = { "hostfs", hostfs_fill_super, 0 };
