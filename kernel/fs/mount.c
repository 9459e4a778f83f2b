/*
 * mount.c — file-system types, superblocks and the mount table, and the
 * questions the name system calls ask about mounts (EXDEV, EBUSY).
 *
 * A mount is (superblock, the directory it covers, its root inode); the
 * first is the root file system and covers nothing. Both inodes of a
 * mount are pinned (referenced) for as long as it exists, so the cache
 * never forgets them. Path resolution (fs/namei.c) asks mount_covering
 * when it steps onto a directory and mount_covered when `..` leaves a
 * mounted root. Mounts are few: the table is searched linearly.
 *
 * Identity needs both numbers: an inode number alone does not say which
 * file it is, (superblock, number) does. A directory operation must not
 * mix file systems (link and rename across mounts are EXDEV, as Linux
 * checks before anything is written) and must not remove or rename a
 * mount point or a mounted root (EBUSY).
 */
#include "fs.h"
#include "lib.h"
#include "mm.h"
#include "printk.h"
#include "hako/errno.h"

#define NMOUNT 8
#define NSUPER 8

struct mount {
  struct super_block *sb;
  struct inode *covered;   /* the directory mounted on (NULL for /) */
  struct inode *root;
};

static struct mount mounts[NMOUNT];
static int nmounts;
static struct super_block supers[NSUPER];
static int nsupers;
static u32 next_anon_minor = 1;

/* Linux numbers devices without a disk 0:N. */
u32 anon_dev_alloc(void) {
  return next_anon_minor++;
}

static struct super_block *read_super(const struct file_system_type *type, int dev, int *err) {
  struct super_block *sb;
  if (nsupers == NSUPER) {
    *err = -ENOMEM;
    return NULL;
  }
  sb = &supers[nsupers];
  memset(sb, 0, sizeof *sb);
  sb->type = type;
  sb->bdev = dev;
  *err = type->fill_super(sb, dev);
  if (*err) return NULL;
  nsupers++;
  return sb;
}

/* Mounts a new superblock of type on the directory `covered` (NULL: the
 * root). The table keeps the references it is given. */
static int do_mount(const struct file_system_type *type, int dev, struct inode *covered) {
  int err;
  struct super_block *sb;
  struct inode *root;
  if (nmounts == NMOUNT) return -ENOMEM;
  sb = read_super(type, dev, &err);
  if (sb == NULL) return err;
  root = iget(sb, sb->root_ino);
  if (root == NULL) return -ENOMEM;
  mounts[nmounts].sb = sb;
  mounts[nmounts].covered = covered;
  mounts[nmounts].root = root;
  nmounts++;
  return 0;
}

void vfs_mount_root(void) {
  int err;
  struct inode *dir;
  if (do_mount(&ext2_fs_type, 0, NULL) != 0) {
    printk(KERN_ERR, "VFS: cannot mount the root file system from disk0");
    return;
  }
  printk(KERN_INFO, "VFS: mounted root (ext2 filesystem) on disk0");
  dir = namei("/proc", 1, &err);
  if (dir == NULL) return;
  ilock(dir);
  if (!S_ISDIR(dir->mode)) {
    iunlockput(dir);
    return;
  }
  iunlock(dir);
  if (do_mount(&proc_fs_type, -1, dir) == 0) printk(KERN_INFO, "procfs: mounted on /proc");
  else iput(dir);
}

/* The types the kernel knows, in the order /proc/filesystems lists them. */
static const struct file_system_type *const fs_types[] = { &ext2_fs_type, &proc_fs_type };

const struct file_system_type *fs_type_at(int i) {
  if (i < 0 || i >= (int)(sizeof fs_types / sizeof fs_types[0])) return NULL;
  return fs_types[i];
}

int mount_at(int i, struct super_block **sb, struct inode **covered) {
  if (i < 0 || i >= nmounts) return -ENOENT;
  *sb = mounts[i].sb;
  *covered = mounts[i].covered ? idup(mounts[i].covered) : NULL;
  return 0;
}

int vfs_root_mounted(void) {
  return nmounts > 0;
}

struct inode *vfs_root(void) {
  return nmounts > 0 ? idup(mounts[0].root) : NULL;
}

/* The same file (not merely the same inode number). */
int fs_same_inode(struct inode *a, struct inode *b) {
  return a->sb == b->sb && a->ino == b->ino;
}

/* On the same mounted file system. */
int fs_same_mount(struct inode *a, struct inode *b) {
  return a->sb == b->sb;
}

struct inode *mount_covering(struct inode *ip) {
  int i;
  for (i = 1; i < nmounts; i++) {
    if (fs_same_inode(mounts[i].covered, ip)) return idup(mounts[i].root);
  }
  return NULL;
}

struct inode *mount_covered(struct inode *root) {
  int i;
  for (i = 1; i < nmounts; i++) {
    if (fs_same_inode(mounts[i].root, root)) return idup(mounts[i].covered);
  }
  return NULL;
}

int is_root_of_sb(struct inode *ip) {
  return ip->ino == ip->sb->root_ino;
}

int is_global_root(struct inode *ip) {
  return nmounts > 0 && fs_same_inode(ip, mounts[0].root);
}

/* Something is mounted here, or it is the root of a mount. */
int fs_is_mount_point(struct inode *ip) {
  int i;
  for (i = 0; i < nmounts; i++) {
    if (fs_same_inode(mounts[i].root, ip)) return 1;
    if (mounts[i].covered && fs_same_inode(mounts[i].covered, ip)) return 1;
  }
  return 0;
}

/* statfs: what the file system says about itself (zeros where it keeps no count). */
int vfs_statfs(struct inode *ip, struct kstatfs *st) {
  memset(st, 0, sizeof *st);
  st->namelen = NAME_MAX;
  if (ip->sb->s_op->statfs == NULL) return 0;
  return ip->sb->s_op->statfs(ip->sb, st);
}
