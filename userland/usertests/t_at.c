/* t_at.c: the *at system calls (a relative path from a directory
 * descriptor; AT_FDCWD; EBADF and ENOTDIR for a bad dirfd; absolute paths
 * ignore it; their flags), open's flag semantics (O_DIRECTORY,
 * O_NOFOLLOW, O_EXCL, O_CLOEXEC), and the 64-bit file calls: stat64's
 * fields against stat's, getdents64's records, _llseek and truncate64 at
 * the 2 GiB limit; pread64/pwrite64 and readv/writev. The boot test test/kernel/fifo.test.ts runs them. */
#include <stdlib.h>
#include <unistd.h>
#include <fcntl.h>
#include <dirent.h>
#include <signal.h>
#include <time.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include "ulib.h"
#include "ut.h"

/* A directory "d" in the scratch directory, open: its descriptor. */
static int make_dir_fd(void) {
  int dfd;
  CHECK(mkdir("d", 0755) == 0);
  dfd = open("d", O_RDONLY | O_DIRECTORY);
  CHECK(dfd >= 0);
  return dfd;
}

static int is_type(const char *path, unsigned int type) {
  struct stat st;
  return lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == type;
}

static void at_openat(void) {
  int dfd = make_dir_fd();
  int fd, ffd;
  char buf[8];
  fd = openat(dfd, "f", O_CREAT | O_WRONLY, 0644);
  CHECK(fd >= 0);
  CHECK(write(fd, "at", 2) == 2);
  close(fd);
  CHECK(ut_read_file("d/f", buf, sizeof buf) == 2 && memcmp(buf, "at", 2) == 0);
  /* AT_FDCWD is the cwd; an absolute path ignores even a bad dirfd */
  fd = openat(AT_FDCWD, "d/f", O_RDONLY);
  CHECK(fd >= 0);
  close(fd);
  fd = openat(99, "/tmp", O_RDONLY | O_DIRECTORY);
  CHECK(fd >= 0);
  close(fd);
  CHECK_ERR(openat(99, "f", O_RDONLY), EBADF);
  CHECK_ERR(openat(-5, "f", O_RDONLY), EBADF);
  ffd = openat(dfd, "f", O_RDONLY);
  CHECK(ffd >= 0);
  CHECK_ERR(openat(ffd, "f", O_RDONLY), ENOTDIR);   /* a file as dirfd */
  CHECK_ERR(openat(dfd, "", O_RDONLY), ENOENT);
  CHECK_ERR(openat(dfd, "missing", O_RDONLY), ENOENT);
  /* the descriptor follows the directory, not its name */
  CHECK(rename("d", "e") == 0);
  fd = openat(dfd, "f", O_RDONLY);
  CHECK(fd >= 0);
  close(fd);
  CHECK(openat(dfd, "..", O_RDONLY | O_DIRECTORY) >= 0);
  close(ffd);
  close(dfd);
}

static void at_open_flags(void) {
  int fd;
  CHECK(ut_write_file("f", "x", 1) == 1);
  CHECK(symlink("f", "l") == 0);
  CHECK(symlink("nowhere", "dangling") == 0);
  CHECK_ERR(open("f", O_RDONLY | O_DIRECTORY), ENOTDIR);
  CHECK_ERR(open("l", O_RDONLY | O_DIRECTORY), ENOTDIR);
  CHECK_ERR(open("l", O_RDONLY | O_NOFOLLOW), ELOOP);
  CHECK_ERR(open("l", O_WRONLY | O_CREAT | O_NOFOLLOW, 0644), ELOOP);
  CHECK_ERR(open("f", O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST);
  CHECK_ERR(open("l", O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST);
  CHECK_ERR(open("dangling", O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST);
  CHECK(!is_type("nowhere", S_IFREG));   /* O_EXCL made nothing at the target */
  fd = open(".", O_RDONLY | O_DIRECTORY | O_NOFOLLOW);   /* not a link: fine */
  CHECK(fd >= 0);
  close(fd);
  fd = open("f", O_RDONLY | O_CLOEXEC);
  CHECK(fd >= 0);
  CHECK(fcntl(fd, F_GETFD) == FD_CLOEXEC);
  CHECK(fcntl(fd, F_DUPFD_CLOEXEC, 10) == 10);
  CHECK(fcntl(10, F_GETFD) == FD_CLOEXEC);
  CHECK(fcntl(fd, F_DUPFD, 11) == 11);
  CHECK(fcntl(11, F_GETFD) == 0);
  close(fd);
  fd = open("f", O_RDONLY);
  CHECK(fcntl(fd, F_GETFD) == 0);
  close(fd);
}

static void at_mkdirat_mknodat(void) {
  int dfd = make_dir_fd();
  struct stat st;
  int pid;
  CHECK(mkdirat(dfd, "sub", 0750) == 0);
  CHECK(stat("d/sub", &st) == 0 && S_ISDIR(st.st_mode));
  CHECK_ERR(mkdirat(dfd, "sub", 0755), EEXIST);
  CHECK_ERR(mkdirat(99, "x", 0755), EBADF);
  CHECK(mknodat(dfd, "p", S_IFIFO | 0640, 0) == 0);
  CHECK(stat("d/p", &st) == 0 && S_ISFIFO(st.st_mode) && (st.st_mode & 0777) == 0640 && st.st_size == 0);
  CHECK(mknodat(dfd, "r", 0600, 0) == 0);   /* type 0: a regular file */
  CHECK(stat("d/r", &st) == 0 && S_ISREG(st.st_mode));
  CHECK_ERR(mknodat(dfd, "dir", S_IFDIR | 0755, 0), EPERM);
  CHECK_ERR(mknodat(dfd, "bad", 0110000 | 0644, 0), EINVAL);
  CHECK_ERR(mknodat(dfd, "p", S_IFIFO | 0644, 0), EEXIST);
  CHECK_ERR(mknod("d/q/", S_IFIFO | 0644, 0), ENOENT);
  /* root may make a device node: this one is /dev/null's number */
  CHECK(mknod("null", S_IFCHR | 0666, makedev(1, 3)) == 0);
  CHECK(stat("null", &st) == 0 && S_ISCHR(st.st_mode) && st.st_rdev == makedev(1, 3));
  {
    int fd = open("null", O_RDWR);
    char c;
    CHECK(fd >= 0);
    CHECK(write(fd, "gone", 4) == 4);
    CHECK(read(fd, &c, 1) == 0);
    close(fd);
  }
  CHECK(mknod("blk", S_IFBLK | 0600, makedev(3, 1)) == 0);
  CHECK(stat("blk", &st) == 0 && S_ISBLK(st.st_mode) && st.st_rdev == makedev(3, 1));
  CHECK_ERR(open("blk", O_RDONLY), ENXIO);   /* no block device driver */
  CHECK(unlink("null") == 0 && unlink("blk") == 0);
  /* a user may make a FIFO but not a device node */
  CHECK(chmod(".", 0777) == 0);
  pid = fork();
  if (pid == 0) {
    if (setuid(1000) != 0)
      _exit(2);
    if (mknod("dev", S_IFCHR | 0666, makedev(1, 3)) != -1 || errno != EPERM)
      _exit(3);
    if (mknod("d/p", S_IFCHR | 0666, makedev(1, 3)) != -1 || errno != EEXIST)
      _exit(4);   /* the name is checked first, as Linux */
    if (mkfifo("ufifo", 0600) != 0)
      _exit(5);
    _exit(0);
  }
  CHECK(ut_wait_status(pid) == 0);
  CHECK(lstat("ufifo", &st) == 0 && S_ISFIFO(st.st_mode) && st.st_uid == 1000);
  CHECK(!is_type("dev", S_IFCHR));
  close(dfd);
}

static void at_unlinkat(void) {
  int dfd = make_dir_fd();
  CHECK(ut_write_file("d/f", "x", 1) == 1);
  CHECK(mkdir("d/sub", 0755) == 0);
  CHECK_ERR(unlinkat(dfd, "sub", 0), EISDIR);
  CHECK_ERR(unlinkat(dfd, "f", AT_REMOVEDIR), ENOTDIR);
  CHECK_ERR(unlinkat(dfd, "f", 1), EINVAL);
  CHECK_ERR(unlinkat(99, "f", 0), EBADF);
  CHECK_ERR(unlinkat(dfd, "missing", 0), ENOENT);
  CHECK(unlinkat(dfd, "f", 0) == 0);
  CHECK(!is_type("d/f", S_IFREG));
  CHECK(unlinkat(dfd, "sub", AT_REMOVEDIR) == 0);
  CHECK(!is_type("d/sub", S_IFDIR));
  CHECK(ut_write_file("g", "x", 1) == 1);
  CHECK(unlinkat(AT_FDCWD, "g", 0) == 0);
  CHECK(!is_type("g", S_IFREG));
  close(dfd);
}

static void at_links(void) {
  int dfd = make_dir_fd();
  char buf[32];
  struct stat st, lst;
  CHECK(ut_write_file("d/f", "x", 1) == 1);
  CHECK(symlinkat("f", dfd, "l") == 0);
  CHECK(is_type("d/l", S_IFLNK));
  CHECK_ERR(symlinkat("f", dfd, "l"), EEXIST);
  CHECK_ERR(symlinkat("f", 99, "l2"), EBADF);
  CHECK(readlinkat(dfd, "l", buf, sizeof buf) == 1 && buf[0] == 'f');
  CHECK(readlinkat(AT_FDCWD, "d/l", buf, sizeof buf) == 1);
  CHECK_ERR(readlinkat(dfd, "f", buf, sizeof buf), EINVAL);
  CHECK_ERR(readlinkat(dfd, "l", buf, 0), EINVAL);
  /* linkat: the link itself without AT_SYMLINK_FOLLOW, its target with */
  CHECK(linkat(dfd, "l", AT_FDCWD, "hl", 0) == 0);
  CHECK(is_type("hl", S_IFLNK));
  CHECK(linkat(dfd, "l", AT_FDCWD, "hf", AT_SYMLINK_FOLLOW) == 0);
  CHECK(lstat("hf", &lst) == 0 && S_ISREG(lst.st_mode));
  CHECK(stat("d/f", &st) == 0 && st.st_ino == lst.st_ino && st.st_nlink == 2);
  CHECK_ERR(linkat(dfd, "f", dfd, "l", 0), EEXIST);
  CHECK_ERR(linkat(dfd, "f", dfd, "x", 0x1), EINVAL);
  CHECK_ERR(linkat(99, "f", dfd, "x", 0), EBADF);
  CHECK_ERR(linkat(dfd, "f", 99, "x", 0), EBADF);
  close(dfd);
}

static void at_renameat(void) {
  int dfd = make_dir_fd();
  char buf[8];
  CHECK(ut_write_file("d/a", "A", 1) == 1);
  CHECK(ut_write_file("b", "B", 1) == 1);
  CHECK(renameat(dfd, "a", AT_FDCWD, "c") == 0);
  CHECK(!is_type("d/a", S_IFREG) && is_type("c", S_IFREG));
  CHECK_ERR(renameat2(AT_FDCWD, "c", AT_FDCWD, "b", RENAME_NOREPLACE), EEXIST);
  CHECK(ut_read_file("b", buf, sizeof buf) == 1 && buf[0] == 'B');
  CHECK(ut_read_file("c", buf, sizeof buf) == 1 && buf[0] == 'A');
  CHECK_ERR(renameat2(AT_FDCWD, "c", AT_FDCWD, "c", RENAME_NOREPLACE), EEXIST);
  CHECK(renameat2(AT_FDCWD, "c", dfd, "n", RENAME_NOREPLACE) == 0);
  CHECK(is_type("d/n", S_IFREG));
  CHECK_ERR(renameat2(dfd, "n", AT_FDCWD, "b", RENAME_EXCHANGE), EINVAL);
  CHECK_ERR(renameat2(dfd, "n", AT_FDCWD, "z", 8), EINVAL);
  CHECK(renameat2(dfd, "n", AT_FDCWD, "b", 0) == 0);   /* flags 0 replaces */
  CHECK(ut_read_file("b", buf, sizeof buf) == 1 && buf[0] == 'A');
  CHECK_ERR(renameat(99, "b", AT_FDCWD, "z"), EBADF);
  CHECK_ERR(renameat(AT_FDCWD, "b", 99, "z"), EBADF);
  close(dfd);
}

static void at_attrs(void) {
  int dfd = make_dir_fd();
  struct stat st, lst;
  CHECK(ut_write_file("d/f", "x", 1) == 1);
  CHECK(symlink("f", "d/l") == 0);
  CHECK(fchmodat(dfd, "f", 0600, 0) == 0);
  CHECK(stat("d/f", &st) == 0 && (st.st_mode & 07777) == 0600);
  CHECK(fchmodat(dfd, "l", 0640, 0) == 0);   /* follows the link */
  CHECK(stat("d/f", &st) == 0 && (st.st_mode & 07777) == 0640);
  CHECK_ERR(fchmodat(dfd, "l", 0600, AT_SYMLINK_NOFOLLOW), EOPNOTSUPP);
  CHECK_ERR(fchmodat(dfd, "f", 0600, 0x8), EINVAL);
  CHECK_ERR(fchmodat(99, "f", 0600, 0), EBADF);
  CHECK(fchownat(dfd, "f", 1000, 1001, 0) == 0);
  CHECK(stat("d/f", &st) == 0 && st.st_uid == 1000 && st.st_gid == 1001);
  CHECK(fchownat(dfd, "l", 1002, -1, AT_SYMLINK_NOFOLLOW) == 0);
  CHECK(lstat("d/l", &lst) == 0 && lst.st_uid == 1002);
  CHECK(stat("d/f", &st) == 0 && st.st_uid == 1000 && st.st_gid == 1001);   /* the target kept its owner */
  CHECK(fchownat(dfd, "", 1003, -1, AT_EMPTY_PATH) == 0);   /* the directory itself */
  CHECK(stat("d", &st) == 0 && st.st_uid == 1003);
  CHECK_ERR(fchownat(dfd, "", 0, 0, 0), ENOENT);
  CHECK_ERR(fchownat(dfd, "f", 0, 0, 0x4), EINVAL);
  CHECK(faccessat(dfd, "f", R_OK | W_OK, 0) == 0);
  CHECK(faccessat(AT_FDCWD, "d/f", F_OK, 0) == 0);
  CHECK_ERR(faccessat(dfd, "missing", F_OK, 0), ENOENT);
  CHECK_ERR(faccessat(dfd, "f", 8, 0), EINVAL);
  CHECK_ERR(faccessat(dfd, "f", F_OK, 0x4), EINVAL);
  CHECK_ERR(faccessat(99, "f", F_OK, 0), EBADF);
  close(dfd);
}

static void at_utimensat(void) {
  int dfd = make_dir_fd();
  struct timespec ts[2];
  unsigned int tv[4];
  struct stat st, lst;
  int fd;
  CHECK(ut_write_file("d/f", "x", 1) == 1);
  CHECK(symlink("f", "d/l") == 0);
  ts[0].tv_sec = 1000;
  ts[0].tv_nsec = 0;
  ts[1].tv_sec = 2000;
  ts[1].tv_nsec = 5;
  CHECK(utimensat(dfd, "f", ts, 0) == 0);
  CHECK(stat("d/f", &st) == 0 && st.st_atime == 1000 && st.st_mtime == 2000);
  ts[0].tv_nsec = UTIME_OMIT;
  ts[1].tv_sec = 3000;
  CHECK(utimensat(dfd, "f", ts, 0) == 0);
  CHECK(stat("d/f", &st) == 0 && st.st_atime == 1000 && st.st_mtime == 3000);
  ts[1].tv_nsec = UTIME_NOW;
  CHECK(utimensat(dfd, "f", ts, 0) == 0);
  CHECK(stat("d/f", &st) == 0 && st.st_atime == 1000 && st.st_mtime + 5 >= (unsigned int)time(0));
  /* both omitted: nothing to do, and the path is not even looked up */
  ts[1].tv_nsec = UTIME_OMIT;
  CHECK(utimensat(dfd, "missing", ts, 0) == 0);
  ts[0].tv_nsec = 1000000000;
  ts[1].tv_nsec = 0;
  CHECK_ERR(utimensat(dfd, "f", ts, 0), EINVAL);
  ts[0].tv_nsec = 0;
  CHECK_ERR(utimensat(dfd, "f", ts, 0x8), EINVAL);
  CHECK_ERR(utimensat(dfd, "missing", ts, 0), ENOENT);
  CHECK_ERR(utimensat(99, "f", ts, 0), EBADF);
  /* AT_SYMLINK_NOFOLLOW: the link's times, the target's stay */
  ts[0].tv_sec = 4000;
  ts[1].tv_sec = 5000;
  CHECK(utimensat(dfd, "l", ts, AT_SYMLINK_NOFOLLOW) == 0);
  CHECK(lstat("d/l", &lst) == 0 && lst.st_mtime == 5000);
  CHECK(stat("d/f", &st) == 0 && st.st_mtime != 5000 && st.st_atime == 1000);
  /* a NULL path is the descriptor's own file (futimens) */
  fd = open("d/f", O_RDONLY);
  ts[0].tv_sec = 6000;
  ts[1].tv_sec = 7000;
  CHECK(futimens(fd, ts) == 0);
  CHECK(stat("d/f", &st) == 0 && st.st_atime == 6000 && st.st_mtime == 7000);
  CHECK_ERR(utimensat(fd, 0, ts, AT_SYMLINK_NOFOLLOW), EINVAL);
  CHECK_ERR(utimensat(AT_FDCWD, 0, ts, 0), EFAULT);
  close(fd);
  /* futimesat: {sec, usec} pairs */
  tv[0] = 8000;
  tv[1] = 0;
  tv[2] = 9000;
  tv[3] = 999999;
  CHECK(futimesat(dfd, "f", (void *)tv) == 0);
  CHECK(stat("d/f", &st) == 0 && st.st_atime == 8000 && st.st_mtime == 9000);
  tv[3] = 1000000;
  CHECK_ERR(futimesat(dfd, "f", (void *)tv), EINVAL);
  close(dfd);
}

static void at_fstatat(void) {
  int dfd = make_dir_fd();
  struct stat64 s64;
  struct stat st, st2;
  int fds[2];
  CHECK(ut_write_file("d/f", "hello", 5) == 5);
  CHECK(symlink("f", "d/l") == 0);
  CHECK(fstatat64(dfd, "l", &s64, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(s64.st_mode));
  CHECK(fstatat64(dfd, "l", &s64, 0) == 0 && S_ISREG(s64.st_mode) && s64.st_size == 5);
  CHECK(fstatat(dfd, "f", &st, 0) == 0);
  CHECK(stat("d/f", &st2) == 0 && st.st_ino == st2.st_ino && st.st_size == 5 && st.st_mode == st2.st_mode);
  CHECK_ERR(fstatat64(dfd, "", &s64, 0), ENOENT);
  CHECK(fstatat64(dfd, "", &s64, AT_EMPTY_PATH) == 0 && S_ISDIR(s64.st_mode));
  CHECK(stat("d", &st2) == 0 && s64.st_ino == st2.st_ino);
  CHECK(fstatat64(AT_FDCWD, "", &s64, AT_EMPTY_PATH) == 0 && S_ISDIR(s64.st_mode));
  CHECK(stat(".", &st2) == 0 && s64.st_ino == st2.st_ino);
  CHECK(pipe(fds) == 0);
  CHECK(fstatat64(fds[0], "", &s64, AT_EMPTY_PATH) == 0 && S_ISFIFO(s64.st_mode));
  CHECK_ERR(fstatat64(fds[0], "x", &s64, 0), ENOTDIR);
  CHECK_ERR(fstatat64(99, "", &s64, AT_EMPTY_PATH), EBADF);
  CHECK_ERR(fstatat64(dfd, "f", &s64, 0x2), EINVAL);
  CHECK_ERR(fstatat64(dfd, "f", (struct stat64 *)0, 0), EFAULT);
  close(fds[0]);
  close(fds[1]);
  close(dfd);
}

/* stat64 says what stat says, in its wider fields and Linux i386's layout. */
static void same_status(const struct stat *st, const struct stat64 *s) {
  CHECK(s->st_dev == st->st_dev && s->__st_ino == st->st_ino && s->st_ino == st->st_ino);
  CHECK(s->st_mode == st->st_mode && s->st_nlink == st->st_nlink);
  CHECK(s->st_uid == st->st_uid && s->st_gid == st->st_gid && s->st_rdev == st->st_rdev);
  CHECK(s->st_size == st->st_size && s->st_blksize == st->st_blksize && s->st_blocks == st->st_blocks);
  CHECK(s->st_atime == st->st_atime && s->st_mtime == st->st_mtime && s->st_ctime == st->st_ctime);
}

static void stat64_fields(void) {
  struct stat st;
  struct stat64 s;
  int fd;
  static const char *paths[] = { "f", ".", "/dev/null", "/bin/sh", "/proc/meminfo", 0 };
  int i;
  CHECK(sizeof(struct stat64) == 96);
  CHECK((char *)&s.st_size - (char *)&s == 44);
  CHECK((char *)&s.st_blocks - (char *)&s == 56);
  CHECK((char *)&s.st_ino - (char *)&s == 88);
  CHECK(ut_write_file("f", "0123456789", 10) == 10);
  CHECK(chown("f", 1234, 4321) == 0);
  CHECK(symlink("f", "l") == 0);
  for (i = 0; paths[i]; i++) {
    CHECK(stat(paths[i], &st) == 0 && stat64(paths[i], &s) == 0);
    same_status(&st, &s);
  }
  CHECK(stat64("f", &s) == 0 && s.st_size == 10 && s.st_uid == 1234 && s.st_gid == 4321);
  CHECK(lstat("l", &st) == 0 && lstat64("l", &s) == 0 && S_ISLNK(s.st_mode));
  same_status(&st, &s);
  fd = open("f", O_RDONLY);
  CHECK(fstat(fd, &st) == 0 && fstat64(fd, &s) == 0);
  same_status(&st, &s);
  close(fd);
  CHECK_ERR(stat64("missing", &s), ENOENT);
  CHECK_ERR(fstat64(99, &s), EBADF);
}

/* The records of one getdents64 call: name → (ino, type) checks. */
static void getdents64_records(void) {
  static char buf[4096];
  int fd, n, off, seen = 0;
  struct stat st;
  CHECK(ut_write_file("a", "1", 1) == 1);
  CHECK(mkdir("bb", 0755) == 0);
  CHECK(symlink("a", "ccc") == 0);
  fd = open(".", O_RDONLY | O_DIRECTORY);
  CHECK(fd >= 0);
  CHECK_ERR(getdents64(fd, buf, 16), EINVAL);   /* not even one record fits */
  n = getdents64(fd, buf, sizeof buf);
  CHECK(n > 0);
  for (off = 0; off < n;) {
    unsigned int ino = *(unsigned int *)(buf + off);
    unsigned int ino_high = *(unsigned int *)(buf + off + 4);
    unsigned short reclen = *(unsigned short *)(buf + off + 16);
    unsigned char type = (unsigned char)buf[off + 18];
    const char *name = buf + off + 19;
    CHECK(reclen % 8 == 0 && reclen >= 24 && off + reclen <= n);
    CHECK(ino_high == 0 && (int)strlen(name) < reclen - 19);
    CHECK(lstat(name, &st) == 0 && st.st_ino == ino);
    if (strcmp(name, "a") == 0) {
      CHECK(type == DT_REG);
      seen |= 1;
    } else if (strcmp(name, "bb") == 0) {
      CHECK(type == DT_DIR);
      seen |= 2;
    } else if (strcmp(name, "ccc") == 0) {
      CHECK(type == DT_LNK);
      seen |= 4;
    } else {
      CHECK(strcmp(name, ".") == 0 || strcmp(name, "..") == 0);
      CHECK(type == DT_DIR);
      seen |= 8;
    }
    off += reclen;
  }
  CHECK(seen == 15);
  CHECK(getdents64(fd, buf, sizeof buf) == 0);   /* the end */
  close(fd);
  fd = open("a", O_RDONLY);
  CHECK_ERR(getdents64(fd, buf, sizeof buf), ENOTDIR);
  close(fd);
  CHECK_ERR(getdents64(99, buf, sizeof buf), EBADF);
}

static void llseek_limits(void) {
  int fd = open("f", O_RDWR | O_CREAT, 0644);
  int fds[2];
  struct stat st;
  CHECK(fd >= 0);
  CHECK(write(fd, "0123456789", 10) == 10);
  CHECK(lseek64(fd, 3, SEEK_SET) == 3);
  CHECK(lseek64(fd, 2, SEEK_CUR) == 5);
  CHECK(lseek64(fd, -1, SEEK_END) == 9);
  CHECK(lseek64(fd, 0x7FFFFFFFLL, SEEK_SET) == 0x7FFFFFFFLL);
  CHECK_ERR(lseek64(fd, 5LL << 32, SEEK_SET), EINVAL);   /* past 4 GiB */
  CHECK_ERR(lseek64(fd, 0x80000000LL, SEEK_SET), EINVAL);   /* past 2 GiB - 1 */
  CHECK_ERR(lseek64(fd, -1, SEEK_SET), EINVAL);
  CHECK_ERR(lseek64(fd, -(5LL << 32), SEEK_END), EINVAL);
  CHECK_ERR(lseek64(fd, 0, 7), EINVAL);
  CHECK(lseek64(fd, 0, SEEK_CUR) == 0x7FFFFFFFLL);   /* failures moved nothing */
  CHECK(pipe(fds) == 0);
  CHECK_ERR(lseek64(fds[0], 0, SEEK_SET), ESPIPE);
  CHECK_ERR(lseek64(99, 0, SEEK_SET), EBADF);
  close(fds[0]);
  close(fds[1]);
  CHECK(ftruncate64(fd, 4) == 0);
  CHECK(fstat(fd, &st) == 0 && st.st_size == 4);
  CHECK_ERR(ftruncate64(fd, 5LL << 32), EFBIG);
  CHECK_ERR(ftruncate64(fd, -1), EINVAL);
  CHECK_ERR(ftruncate64(99, 1), EBADF);
  close(fd);
  CHECK(truncate64("f", 2) == 0);
  CHECK(stat("f", &st) == 0 && st.st_size == 2);
  CHECK_ERR(truncate64("f", 5LL << 32), EFBIG);
  CHECK_ERR(truncate64("f", 0x80000000LL), EFBIG);
  CHECK_ERR(truncate64("f", -2), EINVAL);
  CHECK(stat("f", &st) == 0 && st.st_size == 2);
}

/* pread/pwrite at a position leave the offset alone; pipes have none. */
static void rw_positional(void) {
  int fd = open("f", O_RDWR | O_CREAT, 0644);
  int fds[2];
  char buf[16];
  struct stat st;
  CHECK(fd >= 0);
  CHECK(write(fd, "0123456789", 10) == 10);
  CHECK(lseek(fd, 2, SEEK_SET) == 2);
  CHECK(pread(fd, buf, 3, 5) == 3 && memcmp(buf, "567", 3) == 0);
  CHECK(pread64(fd, buf, 16, 8LL) == 2 && memcmp(buf, "89", 2) == 0);
  CHECK(pread(fd, buf, 4, 10) == 0);   /* at the end */
  CHECK(pwrite(fd, "ab", 2, 0) == 2);
  CHECK(pwrite64(fd, "XY", 2, 12LL) == 2);   /* past the end: a hole between */
  CHECK(lseek(fd, 0, SEEK_CUR) == 2);   /* the offset never moved */
  CHECK(read(fd, buf, 2) == 2 && memcmp(buf, "23", 2) == 0);
  CHECK(fstat(fd, &st) == 0 && st.st_size == 14);
  CHECK(pread(fd, buf, 14, 0) == 14 && memcmp(buf, "ab23456789\0\0XY", 14) == 0);
  CHECK_ERR(pread(fd, buf, 1, -1), EINVAL);
  CHECK(pread64(fd, buf, 1, 5LL << 32) == 0);   /* past the largest file: nothing */
  CHECK_ERR(pwrite64(fd, "z", 1, 5LL << 32), EFBIG);
  CHECK(pread(fd, buf, 0, 0) == 0);
  CHECK_ERR(pread(fd, (void *)0xC0000000, 4, 0), EFAULT);
  close(fd);
  fd = open("f", O_WRONLY | O_APPEND);
  CHECK(pwrite(fd, "!", 1, 0) == 1);   /* O_APPEND appends, as Linux */
  close(fd);
  CHECK(ut_read_file("f", buf, sizeof buf) == 15 && buf[0] == 'a' && buf[14] == '!');
  fd = open("f", O_RDONLY);
  CHECK_ERR(pwrite(fd, "x", 1, 0), EBADF);
  close(fd);
  CHECK_ERR(pread(99, buf, 1, 0), EBADF);
  CHECK(pipe(fds) == 0);
  CHECK_ERR(pread(fds[0], buf, 1, 0), ESPIPE);
  CHECK_ERR(pwrite(fds[1], "x", 1, 0), ESPIPE);
  close(fds[0]);
  close(fds[1]);
}

/* readv/writev: the segments in order, a short read stops the vector. */
static void rw_vectored(void) {
  struct iovec iov[3];
  char a[4], b[8], c[8];
  int fd, fds[2];
  iov[0].iov_base = "one,";
  iov[0].iov_len = 4;
  iov[1].iov_base = "";
  iov[1].iov_len = 0;
  iov[2].iov_base = "two";
  iov[2].iov_len = 3;
  fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
  CHECK(fd >= 0);
  CHECK(writev(fd, iov, 3) == 7);
  CHECK(lseek(fd, 0, SEEK_SET) == 0);
  iov[0].iov_base = a;
  iov[0].iov_len = 4;
  iov[1].iov_base = b;
  iov[1].iov_len = 2;
  iov[2].iov_base = c;
  iov[2].iov_len = 8;
  CHECK(readv(fd, iov, 3) == 7);   /* the last segment got what was left */
  CHECK(memcmp(a, "one,", 4) == 0 && memcmp(b, "tw", 2) == 0 && c[0] == 'o');
  CHECK(readv(fd, iov, 3) == 0);
  CHECK(readv(fd, iov, 0) == 0);
  CHECK_ERR(readv(fd, iov, -1), EINVAL);
  CHECK_ERR(readv(fd, iov, UIO_MAXIOV + 1), EINVAL);
  iov[1].iov_base = (void *)0xC0000000;
  CHECK_ERR(readv(fd, iov, 3), EFAULT);
  iov[1].iov_base = b;
  iov[1].iov_len = 0x80000000u;
  CHECK_ERR(readv(fd, iov, 2), EINVAL);   /* a length negative as a ssize_t */
  CHECK_ERR(writev(99, iov, 1), EBADF);
  CHECK_ERR(readv(fd, (struct iovec *)0, 1), EFAULT);
  close(fd);
  CHECK(pipe(fds) == 0);
  iov[0].iov_base = "ab";
  iov[0].iov_len = 2;
  iov[1].iov_base = "cd";
  iov[1].iov_len = 2;
  CHECK(writev(fds[1], iov, 2) == 4);
  CHECK(read(fds[0], b, sizeof b) == 4 && memcmp(b, "abcd", 4) == 0);
  close(fds[0]);
  close(fds[1]);
}

struct ut_case ut_at_cases[] = {
  { "at_openat", at_openat },
  { "at_open_flags", at_open_flags },
  { "at_mkdirat_mknodat", at_mkdirat_mknodat },
  { "at_unlinkat", at_unlinkat },
  { "at_links", at_links },
  { "at_renameat", at_renameat },
  { "at_attrs", at_attrs },
  { "at_utimensat", at_utimensat },
  { "at_fstatat", at_fstatat },
  { "stat64_fields", stat64_fields },
  { "getdents64_records", getdents64_records },
  { "llseek_limits", llseek_limits },
  { "rw_positional", rw_positional },
  { "rw_vectored", rw_vectored },
  { 0, 0 },
};
