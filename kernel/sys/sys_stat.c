/*
 * sys_stat.c — a file's status as the two struct layouts Linux i386 has:
 * the classic 64-byte struct stat (stat, lstat, fstat: 106-108) and the
 * 96-byte struct stat64 (stat64, lstat64, fstat64, fstatat64: 195-197,
 * 300) with 32-bit ids and 64-bit sizes, both from vfs_getattr. The path
 * forms go through sys_path.c (fstatat64: a directory descriptor,
 * AT_SYMLINK_NOFOLLOW, and AT_EMPTY_PATH for the descriptor's own file,
 * which may be a pipe or the console: those have no inode and get the
 * status Linux's pipefs and devpts would show in the fields Hako keeps).
 */
#include "gen/syscall_table.h"
#include "file.h"
#include "fs.h"
#include "lib.h"
#include "proc.h"
#include "vm.h"
#include "hako/errno.h"
#include "hako/fcntl.h"

/* fstatat64's flags; AT_NO_AUTOMOUNT (0x800) means nothing here but is
 * accepted, as Linux accepts it. */
#define AT_NO_AUTOMOUNT 0x800

/* The status of a file without an inode: a pipe end or the console. */
static void inodeless_stat(struct file *f, struct stat *st) {
  memset(st, 0, sizeof *st);
  st->st_mode = f->ops == &tty_ops ? (S_IFCHR | 0620) : (S_IFIFO | 0600);
  st->st_nlink = 1;
  st->st_blksize = 4096;
  if (f->ops == &tty_ops) st->st_rdev = 0x0501;
}

static int file_stat(struct file *f, struct stat *st) {
  if (f->inode) return vfs_getattr(f->inode, st);
  inodeless_stat(f, st);
  return 0;
}

static void set_u64(__hako_u64 *v, u32 lo) {
  v->lo = lo;
  v->hi = 0;
}

/* struct stat64 from the classic fields (all of Hako's values fit them). */
static int copyout_stat64(struct stat64 *user_st, const struct stat *st) {
  struct stat64 s;
  memset(&s, 0, sizeof s);
  set_u64(&s.st_dev, st->st_dev);
  s.__st_ino = st->st_ino;
  s.st_mode = st->st_mode;
  s.st_nlink = st->st_nlink;
  s.st_uid = st->st_uid;
  s.st_gid = st->st_gid;
  set_u64(&s.st_rdev, st->st_rdev);
  set_u64(&s.st_size, st->st_size);
  s.st_blksize = st->st_blksize;
  set_u64(&s.st_blocks, st->st_blocks);
  s.st_atime = st->st_atime;
  s.st_mtime = st->st_mtime;
  s.st_ctime = st->st_ctime;
  set_u64(&s.st_ino, st->st_ino);
  return copyout(user_st, &s, sizeof s);
}

/* flags: AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH. Fills *st. */
static int stat_at(int dirfd, const char *user_path, int flags, struct stat *st) {
  int err;
  struct inode *ip;
  if (flags & AT_EMPTY_PATH) {
    /* "" is the descriptor itself, which need not have an inode. */
    char first;
    if (copyin(&first, user_path, 1) != 0) return -EFAULT;
    if (first == 0 && dirfd != AT_FDCWD) {
      struct file *f = fd_get(dirfd);
      return f == NULL ? -EBADF : file_stat(f, st);
    }
  }
  ip = user_namei_at(dirfd, user_path, flags, &err);
  if (ip == NULL) return err;
  err = vfs_getattr(ip, st);
  iput(ip);
  return err;
}

int sys_stat(const char *path, struct stat *user_st) {
  struct stat st;
  int err = stat_at(AT_FDCWD, path, 0, &st);
  return err ? err : copyout(user_st, &st, sizeof st);
}

int sys_lstat(const char *path, struct stat *user_st) {
  struct stat st;
  int err = stat_at(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, &st);
  return err ? err : copyout(user_st, &st, sizeof st);
}

int sys_fstat(int fd, struct stat *user_st) {
  struct file *f = fd_get(fd);
  struct stat st;
  int err;
  if (f == NULL) return -EBADF;
  err = file_stat(f, &st);
  return err ? err : copyout(user_st, &st, sizeof st);
}

int sys_fstatat64(int dirfd, const char *path, struct stat64 *user_st, int flags) {
  struct stat st;
  int err;
  if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT)) return -EINVAL;
  err = stat_at(dirfd, path, flags & ~AT_NO_AUTOMOUNT, &st);
  return err ? err : copyout_stat64(user_st, &st);
}

int sys_stat64(const char *path, struct stat64 *user_st) {
  return sys_fstatat64(AT_FDCWD, path, user_st, 0);
}

int sys_lstat64(const char *path, struct stat64 *user_st) {
  return sys_fstatat64(AT_FDCWD, path, user_st, AT_SYMLINK_NOFOLLOW);
}

int sys_fstat64(int fd, struct stat64 *user_st) {
  struct file *f = fd_get(fd);
  struct stat st;
  int err;
  if (f == NULL) return -EBADF;
  err = file_stat(f, &st);
  return err ? err : copyout_stat64(user_st, &st);
}
