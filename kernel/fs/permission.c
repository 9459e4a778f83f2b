/*
 * permission.c — every access decision about an inode, in one function.
 *
 * inode_permission(ip, mask) is asked by path resolution (MAY_EXEC on each
 * directory searched), open (MAY_READ/MAY_WRITE), creation and removal
 * (MAY_WRITE | MAY_EXEC on the directory), execve (MAY_EXEC) and access.
 * A file system may decide itself (its `permission` operation); otherwise
 * generic_permission applies the mode bits.
 *
 * Credentials are not enforced yet: every process acts as root does on
 * Linux, which may read and write anything and search any directory, but
 * execute only a file with at least one x bit (EACCES otherwise). The
 * credentials work fills in the owner/group/other classes here and nowhere
 * else.
 */
#include "fs.h"
#include "hako/errno.h"

int generic_permission(struct inode *ip, int mask) {
  if ((mask & MAY_EXEC) && !S_ISDIR(ip->mode) && !(ip->mode & 0111)) return -EACCES;
  return 0;
}

int inode_permission(struct inode *ip, int mask) {
  int err = sb_permission(ip, mask);   /* a read-only mount: EROFS */
  if (err) return err;
  if (ip->op && ip->op->permission) return ip->op->permission(ip, mask);
  return generic_permission(ip, mask);
}
