/*
 * file.c — open file descriptions, descriptor tables, and the system calls
 * that only need a struct file (read, write, close, dup, ioctl).
 *
 * Invariant: a struct file is freed exactly when its last reference (fd
 * slot, fork copy, dup) is dropped; release() runs then, once.
 * read and write check the whole user range buf..buf+count first (EFAULT
 * if any of it lies past user space, as Linux's access_ok), so a huge count
 * can never move bytes up to the end of the stack and then stop; a count
 * past MAX_RW_COUNT is cut to it, as on Linux, so the result fits an int.
 */
#include "gen/syscall_table.h"
#include "file.h"
#include "poll.h"
#include "lib.h"
#include "mm.h"
#include "printk.h"
#include "proc.h"
#include "hako/errno.h"
#include "hako/fcntl.h"
#include "vm.h"

/* Linux's limit for one read or write: INT_MAX rounded down to a page. */
#define MAX_RW_COUNT 0x7FFFF000u

static struct kmem_cache *file_cache;

struct file *file_alloc(const struct file_ops *ops, u32 flags) {
  struct file *f;
  if (file_cache == NULL) file_cache = kmem_cache_create("filp", sizeof(struct file));
  f = (struct file *)kmem_cache_alloc(file_cache);
  if (f == NULL) return NULL;
  f->refcount = 1;
  f->ops = ops;
  f->flags = flags;
  f->kernel_io = 0;
  return f;
}

/* Remembers the path f was opened by, for /proc/PID/maps (file_map_name)
 * and /proc/PID/fd/N; a relative one keeps the directory it started from
 * (the cwd, or openat's dirfd lent as the cwd). Nothing if out of memory:
 * the name is only shown. */
void file_set_path(struct file *f, struct inode *base, const char *path) {
  u32 len = strlen(path);
  f->path = (char *)kmalloc(len + 1);
  if (f->path == NULL) return;
  memcpy(f->path, path, len + 1);
  if (path[0] == '/') return;
  if (base == NULL && current->fs) base = current->fs->cwd;   /* openat's directory, or the cwd */
  if (base) f->path_base = inode_dup(base);
}

struct file *file_dup(struct file *f) {
  f->refcount++;
  return f;
}

void file_close(struct file *f) {
  if (--f->refcount > 0) return;
  eventpoll_file_closed(f);   /* no epoll set may keep watching it */
  if (f->ops->release) f->ops->release(f);
  if (f->inode) inode_put(f->inode);
  if (f->path) kfree(f->path);
  if (f->path_base) inode_put(f->path_base);
  kmem_cache_free(file_cache, f);
}

/* The descriptor table: fd[] and the close-on-exec bitmap start as the
 * arrays inside files_struct (NOFILE_INITIAL slots) and double, as Linux's
 * expand_fdtable, when an fd at or past max_fds is wanted: new kmalloc'd
 * arrays, the old contents copied, the old arrays freed. They never shrink
 * (Linux neither); fork copies max_fds as it is. */
void files_init(struct files_struct *files) {
  files->max_fds = NOFILE_INITIAL;
  files->fd = files->fd_initial;
  files->close_on_exec = files->close_on_exec_initial;
}

int fd_table_grow(struct files_struct *files, int min_fds) {
  int n = files->max_fds;
  struct file **fd;
  u32 *cloexec;
  if (min_fds <= n) return 0;
  if (min_fds > NR_OPEN) return -EMFILE;
  while (n < min_fds) n *= 2;
  fd = (struct file **)kmalloc((u32)n * sizeof *fd);
  cloexec = (u32 *)kmalloc((u32)n / 8);
  if (fd == NULL || cloexec == NULL) {
    if (fd) kfree(fd);
    if (cloexec) kfree(cloexec);
    return -ENOMEM;
  }
  memcpy(fd, files->fd, (u32)files->max_fds * sizeof *fd);
  memcpy(cloexec, files->close_on_exec, (u32)files->max_fds / 8);
  files_free_arrays(files);
  files->fd = fd;
  files->close_on_exec = cloexec;
  files->max_fds = n;
  return 0;
}

void files_free_arrays(struct files_struct *files) {
  if (files->fd != files->fd_initial) kfree(files->fd);
  if (files->close_on_exec != files->close_on_exec_initial) kfree(files->close_on_exec);
  files->fd = files->fd_initial;
  files->close_on_exec = files->close_on_exec_initial;
}

/* execve: closes every fd marked close-on-exec and clears the marks; a
 * word at a time, so a big table with few marks costs little. */
void files_close_on_exec(struct files_struct *files) {
  int word, fd;
  for (word = 0; word < files->max_fds / 32; word++) {
    u32 marks = files->close_on_exec[word];
    files->close_on_exec[word] = 0;
    for (fd = word * 32; marks; fd++, marks >>= 1) {
      if ((marks & 1) && files->fd[fd]) {
        file_close(files->fd[fd]);
        files->fd[fd] = NULL;
      }
    }
  }
}

/* Descriptors below RLIMIT_NOFILE (never above NR_OPEN) may be used. */
int fd_limit(void) {
  u32 limit = rlimit(RLIMIT_NOFILE);
  return limit < NR_OPEN ? (int)limit : NR_OPEN;
}

/* Linux's rule: the lowest free slot, the table grown when every slot
 * below max_fds is taken; EMFILE at RLIMIT_NOFILE, ENOMEM if growing fails.
 * The slot stays empty: the caller fills it. */
int fd_alloc_from(int start) {
  struct files_struct *files = current->files;
  int limit = fd_limit();
  int fd, err;
  for (fd = start; fd < limit; fd++) {
    if (fd >= files->max_fds) {
      err = fd_table_grow(files, fd + 1);
      if (err) return err;
    }
    if (files->fd[fd] == NULL) return fd;
  }
  return -EMFILE;
}

int fd_install(struct file *f) {
  int fd = fd_alloc_from(0);
  if (fd < 0) return fd;
  current->files->fd[fd] = f;
  fd_set_cloexec(fd, 0);
  return fd;
}

struct file *fd_get(int fd) {
  if (fd < 0 || fd >= current->files->max_fds) return NULL;
  return current->files->fd[fd];
}

void fd_set_cloexec(int fd, int on) {
  u32 *word = &current->files->close_on_exec[fd / 32];
  if (on) *word |= 1u << (fd % 32);
  else *word &= ~(1u << (fd % 32));
}

int fd_get_cloexec(int fd) {
  return (int)((current->files->close_on_exec[fd / 32] >> (fd % 32)) & 1);
}

int sys_read(int fd, void *buf, u32 count) {
  struct file *f = fd_get(fd);
  if (f == NULL || (f->flags & O_ACCMODE) == O_WRONLY) return -EBADF;
  if (f->ops->read == NULL) return -EINVAL;
  if (count == 0) return 0;
  if (!user_range_ok((u32)buf, count)) return -EFAULT;
  if (count > MAX_RW_COUNT) count = MAX_RW_COUNT;
  return f->ops->read(f, (char *)buf, count);
}

int sys_write(int fd, const void *buf, u32 count) {
  struct file *f = fd_get(fd);
  if (f == NULL || (f->flags & O_ACCMODE) == O_RDONLY) return -EBADF;
  if (f->ops->write == NULL) return -EINVAL;
  if (count == 0) return 0;
  if (!user_range_ok((u32)buf, count)) return -EFAULT;
  if (count > MAX_RW_COUNT) count = MAX_RW_COUNT;
  return f->ops->write(f, (const char *)buf, count);
}

int sys_close(int fd) {
  struct file *f = fd_get(fd);
  if (f == NULL) return -EBADF;
  current->files->fd[fd] = NULL;
  file_close(f);
  return 0;
}

int sys_dup(int fd) {
  struct file *f = fd_get(fd);
  int nfd;
  if (f == NULL) return -EBADF;
  nfd = fd_install(f);
  if (nfd >= 0) file_dup(f);
  return nfd;
}

int sys_dup2(int fd, int newfd) {
  struct file *f = fd_get(fd);
  if (f == NULL || newfd < 0 || newfd >= fd_limit()) return -EBADF;
  if (fd == newfd) return newfd;
  if (fd_table_grow(current->files, newfd + 1) != 0) return -ENOMEM;
  if (current->files->fd[newfd]) file_close(current->files->fd[newfd]);
  current->files->fd[newfd] = file_dup(f);
  fd_set_cloexec(newfd, 0);
  return newfd;
}

int sys_ioctl(int fd, u32 cmd, u32 arg) {
  struct file *f = fd_get(fd);
  if (f == NULL) return -EBADF;
  if (f->ops->ioctl == NULL) return -ENOTTY;
  return f->ops->ioctl(f, cmd, arg);
}
