/*
 * read_write.c — what the VFS does for open files of any file system:
 * seeking, reading directories, attributes (stat, chmod/chown/utimes,
 * truncate), symlink text, and the generic entries file systems put in
 * their operation tables.
 *
 * A directory is read through its file's `iterate` operation, which hands
 * each entry to a dir_context actor (the getdents record builder, or
 * getcwd's name search); the file's offset is the file system's cookie for
 * the next entry. Attributes are the generic inode fields; a file system
 * may fill stat itself (getattr) and must do any change of size
 * (setattr): without one a truncate is EPERM, other changes stay in memory.
 * Who may change an attribute is decided first, in fs/permission.c.
 */
#include "filemap.h"
#include "fs.h"
#include "lib.h"
#include "dev.h"
#include "hako/errno.h"

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

int generic_llseek(struct file *f, int offset, int whence) {
  int base;
  if (whence == SEEK_SET) base = 0;
  else if (whence == SEEK_CUR) base = (int)f->offset;
  else if (whence == SEEK_END) base = (int)f->inode->size;
  else return -EINVAL;
  if (base + offset < 0) return -EINVAL;
  f->offset = (u32)(base + offset);
  return (int)f->offset;
}

int generic_dir_read(struct file *f, char *ubuf, u32 n) {
  (void)f;
  (void)ubuf;
  (void)n;
  return -EISDIR;
}

/* Regular files whose pages the page cache holds (its bmap hook). */
int generic_file_mmap(struct file *f) {
  return f->inode && f->inode->op && f->inode->op->bmap ? 0 : -ENODEV;
}

int generic_file_fsync(struct file *f) {
  if (!S_ISREG(f->inode->mode)) return 0;
  return filemap_fsync(f->inode);
}

int vfs_readdir(struct file *f, struct dir_context *ctx) {
  if (f->ops->iterate == NULL) return -ENOTDIR;
  return f->ops->iterate(f, ctx);
}

u32 dtype_of(u32 mode) {
  return (mode & S_IFMT) >> 12;   /* DT_REG 8, DT_DIR 4, DT_CHR 2, ... as Linux */
}

static void generic_fillattr(struct inode *ip, struct stat *st) {
  memset(st, 0, sizeof *st);
  st->st_dev = ip->sb->s_dev;
  st->st_ino = ip->ino;
  st->st_mode = (u16)ip->mode;
  st->st_nlink = (u16)ip->nlink;
  st->st_uid = (u16)ip->uid;
  st->st_gid = (u16)ip->gid;
  if (S_ISCHR(ip->mode) || S_ISBLK(ip->mode)) st->st_rdev = ip->rdev;
  st->st_size = ip->size;
  st->st_blksize = 4096;
  st->st_blocks = ip->blocks;
  st->st_atime = ip->atime;
  st->st_mtime = ip->mtime;
  st->st_ctime = ip->ctime;
}

int vfs_getattr(struct inode *ip, struct stat *st) {
  int err = 0;
  if (ilock_checked(ip) != 0) return -EIO;
  generic_fillattr(ip, st);
  if (ip->op && ip->op->getattr) err = ip->op->getattr(ip, st);
  iunlock(ip);
  return err;
}

/* The attributes other than the size, as a file system's setattr takes
 * them after its own work (Linux's setattr_copy): mode (type kept), owner,
 * group and explicit times, and the change time. */
void setattr_copy(struct inode *ip, struct iattr *a) {
  if (a->valid & ATTR_MODE) ip->mode = (ip->mode & S_IFMT) | (a->mode & 07777);
  if (a->valid & ATTR_UID) ip->uid = a->uid;
  if (a->valid & ATTR_GID) ip->gid = a->gid;
  if (a->valid & ATTR_ATIME) ip->atime = a->atime;
  if (a->valid & ATTR_MTIME) ip->mtime = a->mtime;
  ip->ctime = time_now();
}

/* Every attribute change: who may make it is setattr_prepare's decision
 * (fs/permission.c), which may also adjust it (set-id bits dropped). */
int vfs_setattr(struct inode *ip, struct iattr *a) {
  int err = 0;
  if (sb_rdonly(ip->sb)) return -EROFS;   /* any inode of a read-only mount, as Linux */
  ilock(ip);
  err = setattr_prepare(ip, a);
  if (err == 0 && ip->op && ip->op->setattr) {
    err = ip->op->setattr(ip, a);
    if (err == 0 && (a->valid & ATTR_SIZE)) err = file_remove_privs(ip);
  } else if (err == 0 && (a->valid & ATTR_SIZE)) {
    err = -EPERM;
  } else if (err == 0) {
    setattr_copy(ip, a);   /* kept in memory only: the file system has nowhere to write it */
  }
  iunlock(ip);
  return err;
}

int vfs_readlink(struct inode *ip, char *out, u32 size) {
  if (!S_ISLNK(ip->mode) || ip->op == NULL || ip->op->readlink == NULL) return -EINVAL;
  return ip->op->readlink(ip, out, size);
}
