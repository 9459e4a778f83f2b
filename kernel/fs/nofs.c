/*
 * nofs.c — the file-system interface before a root file system exists:
 * every lookup is -ENOENT. Replaced by the ext2 driver.
 */
#include "fs.h"
#include "hako/errno.h"

struct inode *namei(const char *path, int *err) {
  (void)path;
  *err = -ENOENT;
  return NULL;
}

int inode_read(struct inode *ip, void *dst, u32 off, u32 n) {
  (void)ip;
  (void)dst;
  (void)off;
  (void)n;
  return -EIO;
}

u32 inode_size(struct inode *ip) {
  (void)ip;
  return 0;
}

int fs_mounted(void) {
  return 0;
}
