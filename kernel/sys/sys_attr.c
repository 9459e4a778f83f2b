/*
 * sys_attr.c — the system calls that change or test a file's attributes:
 * truncate/ftruncate (and the 64-bit forms), chmod/fchmod/fchmodat,
 * chown/lchown/fchown/fchownat, utime/utimes/futimesat/utimensat,
 * access/faccessat. The path forms are the *at calls with AT_FDCWD
 * (sys_path.c resolves the directory descriptor). Every decision is
 * fs/permission.c's (inode_permission, and setattr_prepare inside
 * vfs_setattr for who may change what), the change the file system's
 * setattr (through vfs_setattr).
 */
#include "gen/syscall_table.h"
#include "dev.h"
#include "file.h"
#include "fs.h"
#include "lib.h"
#include "proc.h"
#include "vm.h"
#include "hako/errno.h"
#include "hako/fcntl.h"

static int set_size(struct inode *ip, u32 size) {
  struct iattr a;
  int err = rlimit_fsize_truncate(inode_size(ip), size);   /* growing past RLIMIT_FSIZE */
  if (err) return err;
  a.valid = ATTR_SIZE;
  a.size = size;
  return vfs_setattr(ip, &a);
}

int sys_truncate(const char *user_path, int length) {
  int err;
  struct inode *ip;
  if (length < 0) return -EINVAL;
  ip = user_namei(user_path, 1, &err);
  if (ip == NULL) return err;
  if (S_ISDIR(ip->mode)) err = -EISDIR;
  else if (!S_ISREG(ip->mode)) err = -EINVAL;
  else if ((err = inode_permission(ip, MAY_WRITE)) == 0) err = set_size(ip, (u32)length);
  iput(ip);
  return err;
}

int sys_ftruncate(int fd, int length) {
  struct file *f = fd_get(fd);
  if (f == NULL) return -EBADF;
  if (length < 0) return -EINVAL;
  if (f->inode == NULL || !S_ISREG(f->inode->mode) || (f->flags & O_ACCMODE) == O_RDONLY) return -EINVAL;
  return set_size(f->inode, (u32)length);
}

/* The 64-bit lengths of truncate64/ftruncate64 (193, 194: low word, then
 * high): negative is EINVAL, past the largest file (2 GiB - 1: ext2
 * without LARGE_FILE) EFBIG, as Linux past s_maxbytes. */
static int length64(u32 low, u32 high, int *length) {
  if (high & 0x80000000u) return -EINVAL;
  if (high != 0 || low > 0x7FFFFFFFu) return -EFBIG;
  *length = (int)low;
  return 0;
}

int sys_truncate64(const char *user_path, u32 length_low, u32 length_high) {
  int length;
  int err = length64(length_low, length_high, &length);
  return err ? err : sys_truncate(user_path, length);
}

int sys_ftruncate64(int fd, u32 length_low, u32 length_high) {
  int length;
  int err;
  if (fd_get(fd) == NULL) return -EBADF;
  err = length64(length_low, length_high, &length);
  return err ? err : sys_ftruncate(fd, length);
}

static int set_mode(struct inode *ip, u32 mode) {
  struct iattr a;
  a.valid = ATTR_MODE;
  a.mode = mode;
  return vfs_setattr(ip, &a);
}

int sys_fchmodat(int dirfd, const char *user_path, int mode) {
  int err;
  struct inode *ip = user_namei_at(dirfd, user_path, 0, &err);
  if (ip == NULL) return err;
  err = set_mode(ip, (u32)mode);
  iput(ip);
  return err;
}

int sys_chmod(const char *user_path, int mode) {
  return sys_fchmodat(AT_FDCWD, user_path, mode);
}

int sys_fchmod(int fd, int mode) {
  struct file *f = fd_get(fd);
  if (f == NULL) return -EBADF;
  if (f->inode == NULL) return -EINVAL;
  return set_mode(f->inode, (u32)mode);
}

static int set_owner(struct inode *ip, int uid, int gid) {
  struct iattr a;
  a.valid = ATTR_KILL_PRIV;
  if (uid != -1) {
    a.valid |= ATTR_UID;
    a.uid = (u32)uid & 0xFFFF;
  }
  if (gid != -1) {
    a.valid |= ATTR_GID;
    a.gid = (u32)gid & 0xFFFF;
  }
  return vfs_setattr(ip, &a);
}

/* flags: AT_SYMLINK_NOFOLLOW (the link itself), AT_EMPTY_PATH. */
int sys_fchownat(int dirfd, const char *user_path, int uid, int gid, int flags) {
  int err;
  struct inode *ip;
  if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) return -EINVAL;
  ip = user_namei_at(dirfd, user_path, flags, &err);
  if (ip == NULL) return err;
  err = set_owner(ip, uid, gid);
  iput(ip);
  return err;
}

int sys_chown(const char *user_path, int uid, int gid) {
  return sys_fchownat(AT_FDCWD, user_path, uid, gid, 0);
}

int sys_lchown(const char *user_path, int uid, int gid) {
  return sys_fchownat(AT_FDCWD, user_path, uid, gid, AT_SYMLINK_NOFOLLOW);
}

int sys_fchown(int fd, int uid, int gid) {
  struct file *f = fd_get(fd);
  if (f == NULL) return -EBADF;
  if (f->inode == NULL) return -EINVAL;
  return set_owner(f->inode, uid, gid);
}

/* Sets what `valid` says (ATTR_ATIME, ATTR_MTIME, and ATTR_TOUCH when
 * the times are "now": write permission suffices, else explicit times are
 * the owner's or root's) of ip. */
static int set_times(struct inode *ip, u32 valid, u32 atime, u32 mtime) {
  struct iattr a;
  a.valid = valid;
  a.atime = atime;
  a.mtime = mtime;
  if (!(valid & (ATTR_ATIME | ATTR_MTIME))) return 0;
  return vfs_setattr(ip, &a);
}

static int set_times_at(int dirfd, const char *user_path, int flags, u32 valid, u32 atime, u32 mtime) {
  int err;
  struct inode *ip = user_namei_at(dirfd, user_path, flags, &err);
  if (ip == NULL) return err;
  err = set_times(ip, valid, atime, mtime);
  iput(ip);
  return err;
}

/* futimesat(299): times[0] access, times[1] modification, as {sec,
 * usec} (usec must be below 1000000); NULL means now. */
int sys_futimesat(int dirfd, const char *user_path, const u32 *user_times) {
  u32 t[4];
  if (user_times) {
    if (copyin(t, user_times, sizeof t) != 0) return -EFAULT;
    if (t[1] >= 1000000 || t[3] >= 1000000) return -EINVAL;
  } else {
    t[0] = t[2] = time_now();
  }
  return set_times_at(dirfd, user_path, 0, ATTR_ATIME | ATTR_MTIME | (user_times == NULL ? ATTR_TOUCH : 0), t[0], t[2]);
}

int sys_utimes(const char *user_path, const u32 *user_times) {
  return sys_futimesat(AT_FDCWD, user_path, user_times);
}

/* utime(30): struct utimbuf { actime, modtime } or NULL for now. */
int sys_utime(const char *user_path, const u32 *user_buf) {
  u32 t[2];
  if (user_buf == NULL) return sys_utimes(user_path, NULL);
  if (copyin(t, user_buf, sizeof t) != 0) return -EFAULT;
  return set_times_at(AT_FDCWD, user_path, 0, ATTR_ATIME | ATTR_MTIME, t[0], t[1]);
}

/* utimensat(320): times[0] access, times[1] modification as {sec, nsec}
 * (seconds are what the inode keeps); nsec UTIME_NOW is now, UTIME_OMIT
 * leaves that time alone, anything else outside 0..999999999 is EINVAL;
 * NULL times is now for both. Both UTIME_OMIT is done at once, before the
 * path is even looked at (Linux). A NULL path is the descriptor's own
 * file (futimens), which AT_SYMLINK_NOFOLLOW cannot mean: EINVAL. */
int sys_utimensat(int dirfd, const char *user_path, const u32 *user_times, int flags) {
  u32 t[4];
  u32 valid = ATTR_ATIME | ATTR_MTIME;
  u32 now = time_now();
  int i;
  if (user_times) {
    if (copyin(t, user_times, sizeof t) != 0) return -EFAULT;
    if (t[1] == UTIME_OMIT && t[3] == UTIME_OMIT) return 0;
    for (i = 0; i < 2; i++) {
      u32 nsec = t[2 * i + 1];
      if (nsec == UTIME_OMIT) valid &= ~(i == 0 ? ATTR_ATIME : ATTR_MTIME);
      else if (nsec == UTIME_NOW) t[2 * i] = now;
      else if (nsec >= 1000000000) return -EINVAL;
    }
    if (t[1] == UTIME_NOW && t[3] == UTIME_NOW) valid |= ATTR_TOUCH;
  } else {
    t[0] = t[2] = now;
    valid |= ATTR_TOUCH;   /* both "now": write permission suffices, as Linux */
  }
  if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) return -EINVAL;
  if (user_path == NULL) {
    struct file *f;
    if (flags & AT_SYMLINK_NOFOLLOW) return -EINVAL;
    if (dirfd == AT_FDCWD) return -EFAULT;
    f = fd_get(dirfd);
    if (f == NULL) return -EBADF;
    if (f->inode == NULL) return -EINVAL;
    return set_times(f->inode, valid, t[0], t[2]);
  }
  return set_times_at(dirfd, user_path, flags, valid, t[0], t[2]);
}

#define R_OK 4
#define W_OK 2
#define X_OK 1

static int do_access(struct inode *base, const char *path, struct inode *unused, const char *unused2, u32 mode,
                     u32 b) {
  (void)unused;
  (void)unused2;
  (void)b;
  return vfs_access(base, path, (int)mode, 1, 0);
}

/* The same masks: R_OK is MAY_READ, W_OK MAY_WRITE, X_OK MAY_EXEC; the
 * real ids decide (fs/permission.c). faccessat(307) has no flags
 * argument (faccessat2's), as Linux's. */
int sys_faccessat(int dirfd, const char *user_path, int mode) {
  if (mode & ~(R_OK | W_OK | X_OK)) return -EINVAL;
  return with_user_paths_at(dirfd, user_path, AT_FDCWD, NULL, do_access, (u32)mode, 0);
}

int sys_access(const char *user_path, int mode) {
  return sys_faccessat(AT_FDCWD, user_path, mode);
}
