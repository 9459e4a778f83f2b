/*
 * mount.c — the questions the name system calls ask about mounts, answered
 * in one place for Hako's two fixed mounts: ext2 on / and procfs on /proc.
 *
 * A directory operation must not mix file systems (link and rename across
 * mounts are EXDEV, as Linux checks before anything is written), must not
 * remove or rename a mount point (EBUSY: the root `/`, the ext2 directory
 * that /proc covers, and procfs's own root), and may only add or remove
 * names where the file system keeps them (ext2; procfs's names are the
 * kernel's). The VFS of issue 10 turns these into questions to a real
 * mount table; the callers stay the same.
 *
 * Identity needs both numbers: procfs's root carries the inode number of
 * the ext2 directory it covers (so `..` and getcwd cross it), so an inode
 * number alone does not say which file it is.
 */
#include "fs.h"

/* The same file (not merely the same inode number). */
int fs_same_inode(struct inode *a, struct inode *b) {
  return a->fstype == b->fstype && a->ino == b->ino;
}

/* On the same mounted file system: each type is mounted once. */
int fs_same_mount(struct inode *a, struct inode *b) {
  return a->fstype == b->fstype;
}

/* Something is mounted here, or it is the root of a mount. */
int fs_is_mount_point(struct inode *ip) {
  if (ip->fstype == FS_EXT2 && ip->ino == ROOT_INO) return 1;
  return procfs_is_mount_point(ip);
}

/* Does this directory's file system keep names that users create and
 * remove? procfs makes up its own. */
int fs_names_writable(struct inode *dp) {
  return dp->fstype == FS_EXT2;
}
