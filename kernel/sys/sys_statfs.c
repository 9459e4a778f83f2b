/*
 * sys_statfs.c — statfs, fstatfs, statfs64, fstatfs64 (Linux i386 99,
 * 100, 268, 269): what df shows about the file system holding a path or
 * an open file.
 *
 * The numbers are the file system's own, through the VFS (vfs_statfs and
 * the superblock's statfs operation: ext2 answers as Linux's ext2_statfs,
 * procfs PROC_SUPER_MAGIC and zero counts); this file only lays them out
 * in Linux's i386 structures. The 64-bit variants take
 * the structure's size, which must be Linux's i386 one (84 bytes), else
 * EINVAL. Invariant: nothing here changes the file system.
 */
#include "gen/syscall_table.h"
#include "buf.h"
#include "file.h"
#include "fs.h"
#include "lib.h"
#include "mm.h"
#include "proc.h"
#include "hako/errno.h"
#include "vm.h"

#define ST_RDONLY 1
#define ST_VALID 0x20

struct statfs {
  u32 f_type, f_bsize, f_blocks, f_bfree, f_bavail, f_files, f_ffree;
  int f_fsid[2];
  u32 f_namelen, f_frsize, f_flags, f_spare[4];
};

/* i386's struct statfs64: the counts are 64-bit, and the whole is 84 bytes
 * (4-byte alignment of the u64 fields). */
struct statfs64 {
  u32 f_type, f_bsize;
  u32 f_blocks[2], f_bfree[2], f_bavail[2], f_files[2], f_ffree[2];
  int f_fsid[2];
  u32 f_namelen, f_frsize, f_flags, f_spare[4];
};

/* What the file system ip is on says about itself (vfs_statfs), in
 * Linux's struct statfs. */
static int fill(struct inode *ip, struct statfs *s) {
  struct kstatfs k;
  int err = vfs_statfs(ip, &k);
  if (err) return err;
  memset(s, 0, sizeof *s);
  s->f_type = k.type;
  s->f_bsize = k.bsize;
  s->f_frsize = k.bsize;
  s->f_blocks = k.blocks;
  s->f_bfree = k.bfree;
  s->f_bavail = k.bavail;
  s->f_files = k.files;
  s->f_ffree = k.ffree;
  s->f_namelen = k.namelen;
  s->f_flags = ST_VALID | (k.rdonly ? ST_RDONLY : 0);
  return 0;
}

static int statfs_path(const char *user_path, struct statfs *s) {
  int err;
  struct inode *ip = user_namei(user_path, 1, &err);
  if (ip == NULL) return err;
  err = fill(ip, s);
  iput(ip);
  return err;
}

static int statfs_fd(int fd, struct statfs *s) {
  struct file *f = fd_get(fd);
  if (f == NULL) return -EBADF;
  if (f->inode == NULL) return -ENOSYS;   /* pipes and the console: Linux's pipefs/devpts are not modelled */
  return fill(f->inode, s);
}

static int copyout64(void *buf, u32 size, struct statfs *s) {
  struct statfs64 t;
  if (size != sizeof t) return -EINVAL;
  memset(&t, 0, sizeof t);
  t.f_type = s->f_type;
  t.f_bsize = s->f_bsize;
  t.f_blocks[0] = s->f_blocks;
  t.f_bfree[0] = s->f_bfree;
  t.f_bavail[0] = s->f_bavail;
  t.f_files[0] = s->f_files;
  t.f_ffree[0] = s->f_ffree;
  t.f_namelen = s->f_namelen;
  t.f_frsize = s->f_frsize;
  t.f_flags = s->f_flags;
  return copyout(buf, &t, sizeof t) == 0 ? 0 : -EFAULT;
}

int sys_statfs(const char *path, void *buf) {
  struct statfs s;
  int err = statfs_path(path, &s);
  if (err) return err;
  return copyout(buf, &s, sizeof s) == 0 ? 0 : -EFAULT;
}

int sys_fstatfs(int fd, void *buf) {
  struct statfs s;
  int err = statfs_fd(fd, &s);
  if (err) return err;
  return copyout(buf, &s, sizeof s) == 0 ? 0 : -EFAULT;
}

int sys_statfs64(const char *path, u32 size, void *buf) {
  struct statfs s;
  int err;
  if (size != sizeof(struct statfs64)) return -EINVAL;
  err = statfs_path(path, &s);
  return err ? err : copyout64(buf, size, &s);
}

int sys_fstatfs64(int fd, u32 size, void *buf) {
  struct statfs s;
  int err;
  if (size != sizeof(struct statfs64)) return -EINVAL;
  err = statfs_fd(fd, &s);
  return err ? err : copyout64(buf, size, &s);
}
