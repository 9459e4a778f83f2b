/* at.c: the *at functions whose POSIX form differs from the system call
 * (fstatat fills a struct stat from the kernel's stat64, fchmodat and
 * faccessat take a flags argument the Linux calls 306/307 lack), the FIFO
 * makers over mknodat, futimens over utimensat, and lseek64 over _llseek
 * — as glibc builds them on i386. */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>

int __sys_fstatat64(int dirfd, const char *path, struct stat64 *st, int flags);
int __sys_fchmodat(int dirfd, const char *path, int mode);
int __sys_faccessat(int dirfd, const char *path, int mode);
int __sys_mknodat(int dirfd, const char *path, int mode, unsigned int dev);
int __sys__llseek(int fd, unsigned int high, unsigned int low, long long *result, int whence);

static int result(int r) {
  if (r < 0) {
    errno = -r;
    return -1;
  }
  return r;
}

/* struct stat's 16-bit ids and 32-bit size hold every Hako value; a
 * larger one would be EOVERFLOW, as glibc says. */
int fstatat(int dirfd, const char *path, struct stat *st, int flags) {
  struct stat64 s;
  int r = __sys_fstatat64(dirfd, path, &s, flags);
  if (r < 0)
    return result(r);
  if (s.st_size > 0x7FFFFFFFLL || s.st_uid > 0xFFFF || s.st_gid > 0xFFFF || s.st_nlink > 0xFFFF) {
    errno = EOVERFLOW;
    return -1;
  }
  st->st_dev = (unsigned int)s.st_dev;
  st->st_ino = s.__st_ino;
  st->st_mode = (unsigned short)s.st_mode;
  st->st_nlink = (unsigned short)s.st_nlink;
  st->st_uid = (unsigned short)s.st_uid;
  st->st_gid = (unsigned short)s.st_gid;
  st->st_rdev = (unsigned int)s.st_rdev;
  st->st_size = (unsigned int)s.st_size;
  st->st_blksize = s.st_blksize;
  st->st_blocks = (unsigned int)s.st_blocks;
  st->st_atime = s.st_atime;
  st->st_atime_nsec = s.st_atime_nsec;
  st->st_mtime = s.st_mtime;
  st->st_mtime_nsec = s.st_mtime_nsec;
  st->st_ctime = s.st_ctime;
  st->st_ctime_nsec = s.st_ctime_nsec;
  st->__unused4 = st->__unused5 = 0;
  return 0;
}

/* AT_SYMLINK_NOFOLLOW: a symlink's mode cannot change (EOPNOTSUPP, as
 * glibc); anything else is the file itself. */
int fchmodat(int dirfd, const char *path, mode_t mode, int flags) {
  if (flags & ~AT_SYMLINK_NOFOLLOW) {
    errno = EINVAL;
    return -1;
  }
  if (flags & AT_SYMLINK_NOFOLLOW) {
    struct stat64 s;
    int r = __sys_fstatat64(dirfd, path, &s, AT_SYMLINK_NOFOLLOW);
    if (r < 0)
      return result(r);
    if (S_ISLNK(s.st_mode)) {
      errno = EOPNOTSUPP;
      return -1;
    }
  }
  return result(__sys_fchmodat(dirfd, path, (int)mode));
}

/* The kernel's faccessat checks as access(2) does; AT_EACCESS and
 * AT_SYMLINK_NOFOLLOW are accepted and answered the same way. */
int faccessat(int dirfd, const char *path, int mode, int flags) {
  if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW)) {
    errno = EINVAL;
    return -1;
  }
  return result(__sys_faccessat(dirfd, path, mode));
}

int mkfifoat(int dirfd, const char *path, mode_t mode) {
  return result(__sys_mknodat(dirfd, path, (int)((mode & 07777) | S_IFIFO), 0));
}

int mkfifo(const char *path, mode_t mode) {
  return mkfifoat(AT_FDCWD, path, mode);
}

int futimens(int fd, const struct timespec times[2]) {
  return utimensat(fd, 0, times, 0);
}

long long lseek64(int fd, long long offset, int whence) {
  long long pos;
  int r = __sys__llseek(fd, (unsigned int)(offset >> 32), (unsigned int)offset, &pos, whence);
  if (r < 0) {
    errno = -r;
    return -1;
  }
  return pos;
}
