/*
 * sys_open.c — opening files and what an open file can do: open/openat/
 * creat, the file operations of regular files and directories, lseek,
 * getdents, fstat/stat/lstat, fcntl, ftruncate.
 *
 * An open inode is a struct file with inode_file_ops (regular files,
 * directories) or a device's ops chosen by its major:minor (Linux numbers:
 * 1:3 null, 1:5 zero, 5:0 tty, 5:1 console). O_APPEND writes go to the end;
 * reads and writes of a regular file lock the inode for the transfer.
 */
#include "gen/syscall_table.h"
#include "arch.h"
#include "dev.h"
#include "file.h"
#include "filemap.h"
#include "fs.h"
#include "lib.h"
#include "mm.h"
#include "printk.h"
#include "proc.h"
#include "hako/errno.h"
#include "hako/fcntl.h"
#include "vm.h"

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

/* Linux i386 struct stat (the one stat/lstat/fstat 106-108 fill): 64 bytes. */
/* struct stat (Linux i386's) comes from hako/stat.h through fs.h. */

int copy_path(char *dst, const char *user_path) {
  int n = strncpy_from_user(dst, user_path, PATH_MAX);
  if (n == 0) return -ENOENT;
  return n < 0 ? n : 0;
}

static int file_read(struct file *f, char *ubuf, u32 n) {
  struct inode *ip = f->inode;
  int r;
  if (S_ISDIR(ip->mode)) return -EISDIR;
  if (ilock_checked(ip) != 0) return -EIO;
  r = readi(ip, ubuf, f->offset, n, 1);
  iunlock(ip);
  if (r > 0) f->offset += (u32)r;
  return r;
}

static int file_write(struct file *f, const char *ubuf, u32 n) {
  struct inode *ip = f->inode;
  int r;
  if (ilock_checked(ip) != 0) return -EIO;
  if (f->flags & O_APPEND) f->offset = ip->size;
  r = writei(ip, ubuf, f->offset, n, 1);
  iunlock(ip);
  if (r > 0) f->offset += (u32)r;
  return r;
}

static const struct file_ops inode_file_ops = { file_read, file_write, 0, 0 };

static const struct file_ops *device_ops(struct inode *ip) {
  u32 major, minor;
  if (ip->block[0] != 0) {
    major = (ip->block[0] >> 8) & 0xFF;
    minor = ip->block[0] & 0xFF;
  } else {
    major = (ip->block[1] >> 8) & 0xFFF;
    minor = (ip->block[1] & 0xFF) | ((ip->block[1] >> 12) & 0xFFF00);
  }
  if (major == 1 && minor == 3) return &null_ops;
  if (major == 1 && minor == 5) return &zero_ops;
  if (major == 1 && minor == 7) return &full_ops;
  if (major == 5 && (minor == 0 || minor == 1)) return &tty_ops;
  return NULL;
}

/* Creates (or finds, without O_EXCL) the file `path`; returns it locked.
 * Every refusal comes before the inode is allocated (Linux's errno: a
 * directory or a trailing slash is EISDIR, a directory whose file system
 * keeps no user names, such as /proc, EACCES). */
static struct inode *create_file(const char *path, u32 mode, int flags, int *err) {
  char name[NAME_MAX + 1];
  struct inode *dp;
  struct inode *ip;
  u32 n = strlen(path);
  if (n > 0 && path[n - 1] == '/') {
    *err = -EISDIR;   /* "new/", "dir/" and "/" */
    return NULL;
  }
  dp = nameiparent(path, name, err);
  if (dp == NULL) return NULL;
  ilock(dp);
  ip = dirlookup(dp, name, strlen(name), NULL);
  if (ip != NULL) {
    iunlockput(dp);
    if (flags & O_EXCL) {
      iput(ip);
      *err = -EEXIST;
      return NULL;
    }
    ilock(ip);
    if (S_ISLNK(ip->mode)) {
      /* Follow it: the target is what gets opened (or created). */
      iunlockput(ip);
      ip = namei(path, 1, err);
      if (ip == NULL) return NULL;
      ilock(ip);
    }
    if (S_ISDIR(ip->mode)) {
      iunlockput(ip);
      *err = -EISDIR;
      return NULL;
    }
    return ip;
  }
  if (!fs_names_writable(dp) || dp->nlink == 0) {
    *err = dp->nlink == 0 ? -ENOENT : -EACCES;
    iunlockput(dp);
    return NULL;
  }
  ip = inode_create(S_IFREG | (mode & 07777 & ~current->umask), current->uid, current->gid, err);
  if (ip == NULL) {
    iunlockput(dp);
    return NULL;
  }
  ip->nlink = 1;
  iupdate(ip);
  *err = dirlink(dp, name, strlen(name), ip);
  iunlockput(dp);
  if (*err) {
    ip->nlink = 0;   /* the last iput frees it */
    iunlockput(ip);
    return NULL;
  }
  return ip;
}

static int do_open(const char *path, int flags, u32 mode) {
  struct inode *ip;
  struct file *f;
  const struct file_ops *ops = &inode_file_ops;
  int err = 0, fd;
  int acc = flags & O_ACCMODE;
  if (flags & O_CREAT) {
    ip = create_file(path, mode, flags, &err);
    if (ip == NULL) return err;
  } else {
    ip = namei(path, !(flags & O_NOFOLLOW), &err);
    if (ip == NULL) return err;
    if (ilock_checked(ip) != 0) {
      iput(ip);
      return -EIO;
    }
  }
  if (S_ISLNK(ip->mode)) {
    iunlockput(ip);
    return -ELOOP;
  }
  if ((flags & O_DIRECTORY) && !S_ISDIR(ip->mode)) {
    iunlockput(ip);
    return -ENOTDIR;
  }
  if (S_ISDIR(ip->mode) && acc != O_RDONLY) {
    iunlockput(ip);
    return -EISDIR;
  }
  if (ip->fstype == FS_PROC && acc != O_RDONLY && !procfs_may_write(ip)) {
    iunlockput(ip);
    return -EACCES;
  }
  if (S_ISCHR(ip->mode)) {
    ops = device_ops(ip);
    if (ops == NULL) {
      iunlockput(ip);
      return -ENXIO;
    }
  } else if ((flags & O_TRUNC) && S_ISREG(ip->mode) && acc != O_RDONLY && ip->fstype != FS_PROC) {
    err = itrunc(ip, 0);
    if (err) {
      iunlockput(ip);
      return err;
    }
  }
  iunlock(ip);
  f = file_alloc(ops, (u32)flags & ~(O_CREAT | O_EXCL | O_TRUNC | O_NOCTTY | O_CLOEXEC));
  if (f == NULL) {
    iput(ip);
    return -ENFILE;
  }
  f->inode = ip;
  if (S_ISREG(ip->mode) && ip->fstype == FS_EXT2) {
    /* Remembered for /proc/PID/maps (file_map_name); none if no memory. */
    u32 len = strlen(path);
    f->path = (char *)kmalloc(len + 1);
    if (f->path) memcpy(f->path, path, len + 1);
  }
  fd = fd_install(f);
  if (fd < 0) {
    file_close(f);
    return fd;
  }
  if (flags & O_CLOEXEC) current->close_on_exec |= 1u << fd;
  return fd;
}

int sys_open(const char *user_path, int flags, int mode) {
  char *path = (char *)kmalloc(PATH_MAX);
  int r;
  if (path == NULL) return -ENOMEM;
  r = copy_path(path, user_path);
  if (r == 0) r = do_open(path, flags, (u32)mode);
  kfree(path);
  return r;
}

int sys_creat(const char *user_path, int mode) {
  return sys_open(user_path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

/* Runs fn relative to directory fd dirfd (AT_FDCWD: the cwd) by lending
 * the process that directory as its cwd for the call. */
int with_dirfd(int dirfd, const char *user_path, int (*fn)(const char *, int, int), int a, int b) {
  struct file *f;
  struct inode *saved;
  char first;
  int r;
  if (dirfd == AT_FDCWD) return fn(user_path, a, b);
  if (copyin(&first, user_path, 1) != 0) return -EFAULT;
  if (first == '/') return fn(user_path, a, b);
  f = fd_get(dirfd);
  if (f == NULL) return -EBADF;
  if (f->inode == NULL || !S_ISDIR(f->inode->mode)) return -ENOTDIR;
  saved = current->cwd;
  current->cwd = f->inode;
  r = fn(user_path, a, b);
  current->cwd = saved;
  return r;
}

int sys_openat(int dirfd, const char *user_path, int flags, int mode) {
  return with_dirfd(dirfd, user_path, sys_open, flags, mode);
}

int sys_lseek(int fd, int offset, int whence) {
  struct file *f = fd_get(fd);
  int base;
  if (f == NULL) return -EBADF;
  if (f->inode == NULL || f->ops != &inode_file_ops) return -ESPIPE;
  if (whence == SEEK_SET) base = 0;
  else if (whence == SEEK_CUR) base = (int)f->offset;
  else if (whence == SEEK_END) base = (int)f->inode->size;
  else return -EINVAL;
  if (base + offset < 0) return -EINVAL;
  f->offset = (u32)(base + offset);
  return (int)f->offset;
}

static void fill_stat(struct inode *ip, struct stat *st) {
  memset(st, 0, sizeof *st);
  st->st_dev = 0x0300;   /* like /dev/hda: major 3, minor 0 */
  st->st_ino = ip->ino;
  st->st_mode = (u16)ip->mode;
  st->st_nlink = (u16)ip->nlink;
  st->st_uid = (u16)ip->uid;
  st->st_gid = (u16)ip->gid;
  if (S_ISCHR(ip->mode)) st->st_rdev = ip->block[0] ? ip->block[0] : ip->block[1];
  st->st_size = ip->size;
  st->st_blksize = 4096;
  st->st_blocks = ip->blocks;
  st->st_atime = ip->atime;
  st->st_mtime = ip->mtime;
  st->st_ctime = ip->ctime;
}

static int stat_inode(struct inode *ip, struct stat *user_st) {
  struct stat st;
  if (ilock_checked(ip) != 0) return -EIO;
  fill_stat(ip, &st);
  iunlock(ip);
  return copyout(user_st, &st, sizeof st);
}

static int stat_path(const char *user_path, struct stat *user_st, int follow) {
  char *path = (char *)kmalloc(PATH_MAX);
  struct inode *ip;
  int err;
  if (path == NULL) return -ENOMEM;
  err = copy_path(path, user_path);
  if (err == 0) {
    ip = namei(path, follow, &err);
    if (ip) {
      err = stat_inode(ip, user_st);
      iput(ip);
    }
  }
  kfree(path);
  return err;
}

int sys_stat(const char *path, struct stat *st) {
  return stat_path(path, st, 1);
}

int sys_lstat(const char *path, struct stat *st) {
  return stat_path(path, st, 0);
}

int sys_fstat(int fd, struct stat *user_st) {
  struct file *f = fd_get(fd);
  struct stat st;
  if (f == NULL) return -EBADF;
  if (f->inode) return stat_inode(f->inode, user_st);
  /* Pipes and the boot console have no inode. */
  memset(&st, 0, sizeof st);
  st.st_mode = f->ops == &tty_ops ? (S_IFCHR | 0620) : (S_IFIFO | 0600);
  st.st_nlink = 1;
  st.st_blksize = 4096;
  if (f->ops == &tty_ops) st.st_rdev = 0x0501;
  return copyout(user_st, &st, sizeof st);
}

struct ext2_dirent_view {
  u32 inode;
  u16 rec_len;
  u8 name_len;
  u8 file_type;
};

/* getdents(141): struct linux_dirent { u32 d_ino; u32 d_off; u16 d_reclen;
 * char d_name[]; then NUL, padding, and d_type in the record's last byte }. */
int sys_getdents(int fd, void *user_buf, u32 count) {
  struct file *f = fd_get(fd);
  struct inode *ip;
  char *rec;
  u32 done = 0;
  if (f == NULL) return -EBADF;
  if (!user_range_ok((u32)user_buf, count)) return -EFAULT;   /* the whole buffer, as Linux */
  ip = f->inode;
  if (ip == NULL || !S_ISDIR(ip->mode)) return -ENOTDIR;
  rec = (char *)kmalloc(NAME_MAX + 24);
  if (rec == NULL) return -ENOMEM;
  if (ilock_checked(ip) != 0) {
    kfree(rec);
    return -EIO;
  }
  while (f->offset < ip->size) {
    struct ext2_dirent_view e;
    char name[NAME_MAX + 1];
    u32 reclen;
    u32 next;
    /* Each block's records are checked before the first is used; a damaged
     * block fails with EIO and is stepped over, as Linux's ext2_readdir. */
    if (done == 0 || f->offset % 4096 == 0) {
      int bad = ext2_check_dir_block(ip, f->offset);
      if (bad) {
        f->offset = ALIGN_UP(f->offset + 1, 4096);
        if (done == 0) {
          iunlock(ip);
          kfree(rec);
          return bad;
        }
        break;
      }
    }
    if (readi(ip, &e, f->offset, sizeof e, 0) != (int)sizeof e || e.rec_len < 8 ||
        (f->offset % 4096) + e.rec_len > 4096) {
      /* A broken entry: skip to the next block. */
      f->offset = ALIGN_UP(f->offset + 1, 4096);
      continue;
    }
    next = f->offset + e.rec_len;
    if (e.inode == 0 || e.name_len == 0) {
      f->offset = next;
      continue;
    }
    readi(ip, name, f->offset + 8, e.name_len, 0);
    reclen = ALIGN_UP(10 + (u32)e.name_len + 2, 4);
    if (done + reclen > count) break;
    memset(rec, 0, reclen);
    *(u32 *)rec = e.inode;
    *(u32 *)(rec + 4) = next;
    *(u16 *)(rec + 8) = (u16)reclen;
    memcpy(rec + 10, name, e.name_len);
    rec[reclen - 1] = (char)(e.file_type == 1 ? 8 : e.file_type == 2 ? 4 : e.file_type == 3 ? 2 :
                             e.file_type == 4 ? 6 : e.file_type == 5 ? 1 : e.file_type == 6 ? 12 :
                             e.file_type == 7 ? 10 : 0);   /* DT_* */
    if (copyout((char *)user_buf + done, rec, reclen) != 0) {
      iunlock(ip);
      kfree(rec);
      return done ? (int)done : -EFAULT;
    }
    done += reclen;
    f->offset = next;
  }
  iunlock(ip);
  kfree(rec);
  if (done == 0 && f->offset < ip->size) return -EINVAL;   /* buffer too small for one entry */
  return (int)done;
}

int sys_fcntl(int fd, int cmd, u32 arg) {
  struct file *f = fd_get(fd);
  int nfd;
  if (f == NULL) return -EBADF;
  if (cmd == F_DUPFD) {
    if (arg >= NOFILE) return -EINVAL;
    for (nfd = (int)arg; nfd < NOFILE; nfd++) {
      if (current->files[nfd] == NULL) {
        current->files[nfd] = file_dup(f);
        current->close_on_exec &= ~(1u << nfd);
        return nfd;
      }
    }
    return -EMFILE;
  }
  if (cmd == F_GETFD) return (current->close_on_exec >> fd) & 1;
  if (cmd == F_SETFD) {
    if (arg & FD_CLOEXEC) current->close_on_exec |= 1u << fd;
    else current->close_on_exec &= ~(1u << fd);
    return 0;
  }
  if (cmd == F_GETFL) return (int)f->flags;
  if (cmd == F_SETFL) {
    f->flags = (f->flags & ~(u32)(O_APPEND | O_NONBLOCK)) | (arg & (O_APPEND | O_NONBLOCK));
    return 0;
  }
  return -EINVAL;
}

int sys_ftruncate(int fd, int length) {
  struct file *f = fd_get(fd);
  int err;
  if (f == NULL) return -EBADF;
  if (length < 0) return -EINVAL;
  if (f->inode == NULL || !S_ISREG(f->inode->mode) || (f->flags & O_ACCMODE) == O_RDONLY) return -EINVAL;
  ilock(f->inode);
  err = itrunc(f->inode, (u32)length);
  iunlock(f->inode);
  return err;
}

/* The buffer cache writes through, so only pages that MAP_SHARED stores
 * dirtied (mm/filemap.c) can be behind the disk. */
int sys_sync(void) {
  filemap_sync_all();
  return 0;
}

int sys_fsync(int fd) {
  struct file *f = fd_get(fd);
  if (f == NULL) return -EBADF;
  if (f->inode == NULL || f->inode->fstype != FS_EXT2 || !S_ISREG(f->inode->mode)) return 0;
  return filemap_fsync(f->inode);
}

int sys_fdatasync(int fd) {
  return sys_fsync(fd);
}
