/*
 * sys_rw.c — reads and writes at a given position and over several
 * buffers: pread64/pwrite64 (180/181, the position as low and high words)
 * and readv/writev (145/146, an array of struct iovec).
 *
 * pread64/pwrite64 leave the file's offset alone: the transfer runs on a
 * copy of the struct file whose offset is the position (the same way
 * execve reads), so another holder of the open file never sees a
 * borrowed offset even while this one sleeps on the disk. A file without
 * a position (a pipe, a FIFO, a terminal: no llseek) is ESPIPE; a
 * negative position EINVAL; one past the largest file (2 GiB - 1) reads
 * nothing and writes EFBIG. O_APPEND still appends, as on Linux.
 *
 * readv/writev do the segments in order and stop at the first short
 * transfer, returning the bytes moved (or the first error when none
 * were). As Linux's, checked before anything moves, segment by segment:
 * a count outside 0..UIO_MAXIOV or a length that is negative as a
 * ssize_t is EINVAL, a range outside user space EFAULT; the total is cut
 * to MAX_RW_COUNT. Unlike Linux, a writev to a pipe is atomic per
 * segment, not for the whole vector.
 */
#include "gen/syscall_table.h"
#include "file.h"
#include "fs.h"
#include "lib.h"
#include "mm.h"
#include "vm.h"
#include "hako/errno.h"
#include "hako/fcntl.h"
#include "hako/uio.h"

#define MAX_RW_COUNT 0x7FFFF000u   /* as file.c: INT_MAX rounded down to a page */
#define MAX_FILE_POS 0x7FFFFFFFu   /* ext2 without LARGE_FILE */

/* The open file behind fd if it may be read (want_write 0) or written. */
static struct file *rw_file(int fd, int want_write, int *err) {
  struct file *f = fd_get(fd);
  u32 acc;
  *err = -EBADF;
  if (f == NULL) return NULL;
  acc = f->flags & O_ACCMODE;
  if (want_write ? acc == O_RDONLY : acc == O_WRONLY) return NULL;
  *err = -EINVAL;
  if (want_write ? f->ops->write == NULL : f->ops->read == NULL) return NULL;
  *err = 0;
  return f;
}

static int positional(int fd, char *buf, u32 count, u32 pos_low, u32 pos_high, int want_write) {
  int err;
  struct file *f = rw_file(fd, want_write, &err);
  struct file at;
  if (f == NULL) return err;
  if (f->inode == NULL || f->ops->llseek == NULL) return -ESPIPE;
  if (pos_high & 0x80000000u) return -EINVAL;
  if (count == 0) return 0;
  if (!user_range_ok((u32)buf, count)) return -EFAULT;
  if (count > MAX_RW_COUNT) count = MAX_RW_COUNT;
  if (pos_high != 0 || pos_low > MAX_FILE_POS) return want_write ? -EFBIG : 0;
  at = *f;
  at.offset = pos_low;
  return want_write ? f->ops->write(&at, buf, count) : f->ops->read(&at, buf, count);
}

int sys_pread64(int fd, void *buf, u32 count, u32 pos_low, u32 pos_high) {
  return positional(fd, (char *)buf, count, pos_low, pos_high, 0);
}

int sys_pwrite64(int fd, const void *buf, u32 count, u32 pos_low, u32 pos_high) {
  return positional(fd, (char *)buf, count, pos_low, pos_high, 1);
}

static int vectored(int fd, const struct iovec *user_iov, int iovcnt, int want_write) {
  int err, i;
  struct file *f = rw_file(fd, want_write, &err);
  struct iovec *iov;
  u32 total = 0;
  int done = 0;
  if (f == NULL) return err;
  if (iovcnt < 0 || iovcnt > UIO_MAXIOV) return -EINVAL;
  if (iovcnt == 0) return 0;
  iov = (struct iovec *)kmalloc((u32)iovcnt * sizeof *iov);
  if (iov == NULL) return -ENOMEM;
  err = copyin(iov, user_iov, (u32)iovcnt * sizeof *iov) == 0 ? 0 : -EFAULT;
  for (i = 0; err == 0 && i < iovcnt; i++) {
    if (iov[i].iov_len > 0x7FFFFFFFu) err = -EINVAL;   /* negative as a ssize_t */
    else if (!user_range_ok((u32)iov[i].iov_base, iov[i].iov_len)) err = -EFAULT;
    else if (iov[i].iov_len > MAX_RW_COUNT - total) iov[i].iov_len = MAX_RW_COUNT - total;
    total += iov[i].iov_len;
  }
  for (i = 0; err == 0 && i < iovcnt; i++) {
    int r;
    u32 n = iov[i].iov_len;
    if (n == 0) continue;
    r = want_write ? f->ops->write(f, (const char *)iov[i].iov_base, n) : f->ops->read(f, (char *)iov[i].iov_base, n);
    if (r < 0) {
      if (done == 0) err = r;
      break;
    }
    done += r;
    if ((u32)r < n) break;
  }
  kfree(iov);
  return err ? err : done;
}

int sys_readv(int fd, const struct iovec *iov, int iovcnt) {
  return vectored(fd, iov, iovcnt, 0);
}

int sys_writev(int fd, const struct iovec *iov, int iovcnt) {
  return vectored(fd, iov, iovcnt, 1);
}
