/*
 * sys_cwd.c — the current directory: chdir, fchdir, getcwd.
 *
 * The kernel keeps the cwd as an inode, not a string, so getcwd rebuilds
 * the path by climbing `..` to the root and finding each directory's name
 * in its parent, right to left in one PATH_MAX buffer (Linux's limit: a
 * path of PATH_MAX bytes or more with its NUL is ENAMETOOLONG; a caller's
 * buffer too small for it is ERANGE). There is no depth limit: every
 * level adds at least two bytes, so the buffer bounds the climb even on a
 * damaged volume whose `..` entries loop.
 */
#include "gen/syscall_table.h"
#include "file.h"
#include "fs.h"
#include "lib.h"
#include "mm.h"
#include "proc.h"
#include "hako/errno.h"
#include "vm.h"

struct inode *user_namei(const char *user_path, int follow, int *err);

static int set_cwd(struct inode *ip) {
  ilock(ip);
  if (!S_ISDIR(ip->mode)) {
    iunlockput(ip);
    return -ENOTDIR;
  }
  iunlock(ip);
  if (current->cwd) iput(current->cwd);
  current->cwd = ip;
  return 0;
}

int sys_chdir(const char *user_path) {
  int err;
  struct inode *ip = user_namei(user_path, 1, &err);
  if (ip == NULL) return err;
  return set_cwd(ip);
}

int sys_fchdir(int fd) {
  struct file *f = fd_get(fd);
  if (f == NULL) return -EBADF;
  if (f->inode == NULL) return -ENOTDIR;
  return set_cwd(idup(f->inode));
}

/* Finds the name of child inode `ino` in directory dp (locked), skipping
 * `.` and `..`; out holds NAME_MAX + 1 bytes. */
static int name_in_dir(struct inode *dp, u32 ino, char *out) {
  u32 off = 0;
  struct ext2_entry {
    u32 inode;
    u16 rec_len;
    u8 name_len;
    u8 file_type;
  } e;
  while (off < dp->size) {
    if (readi(dp, &e, off, sizeof e, 0) != (int)sizeof e || e.rec_len < 8) return -EIO;
    if (e.inode == ino && e.name_len > 0 &&
        readi(dp, out, off + 8, e.name_len, 0) == (int)e.name_len) {
      out[e.name_len] = 0;
      if (!(out[0] == '.' && (out[1] == 0 || (out[1] == '.' && out[2] == 0)))) return 0;
    }
    off += e.rec_len;
  }
  return -ENOENT;
}

static int at_root(struct inode *ip) {
  return ip->fstype == FS_EXT2 && ip->ino == ROOT_INO;
}

/* Builds the cwd's path so that it ends at path[PATH_MAX - 1] (the NUL);
 * returns where it starts, or -errno. */
static int build_cwd_path(char *path, char *name) {
  u32 pos = PATH_MAX - 1;
  struct inode *cur = current->cwd ? idup(current->cwd) : iget(ROOT_INO);
  int err = 0;
  path[pos] = 0;
  while (!at_root(cur)) {
    struct inode *up;
    u32 len;
    if (ilock_checked(cur) != 0) {
      err = -EIO;
      break;
    }
    up = dirlookup(cur, "..", 2, NULL);
    iunlock(cur);
    if (up == NULL) {
      err = -ENOENT;
      break;
    }
    if (ilock_checked(up) != 0) {
      iput(up);
      err = -EIO;
      break;
    }
    err = name_in_dir(up, cur->ino, name);
    iunlock(up);
    iput(cur);
    cur = up;
    if (err) break;
    len = strlen(name);
    if (len + 1 > pos) {
      err = -ENAMETOOLONG;
      break;
    }
    pos -= len;
    memcpy(path + pos, name, len);
    path[--pos] = '/';
  }
  iput(cur);
  if (err) return err;
  if (pos == PATH_MAX - 1) path[--pos] = '/';
  return (int)pos;
}

/* Linux's getcwd returns the length including the NUL. */
int sys_getcwd(char *user_buf, u32 size) {
  char *path = (char *)kmalloc(PATH_MAX + NAME_MAX + 1);
  int r;
  if (path == NULL) return -ENOMEM;
  r = build_cwd_path(path, path + PATH_MAX);
  if (r >= 0) {
    u32 len = PATH_MAX - (u32)r;   /* with the NUL */
    if (len > size) r = -ERANGE;
    else if (copyout(user_buf, path + r, len) != 0) r = -EFAULT;
    else r = (int)len;
  }
  kfree(path);
  return r;
}
