/*
 * ops.c — hostfs's VFS operations: each is one request to the share
 * device (or one per 4 KiB chunk for read and write), whose answer is the
 * host's: its errno is returned as it is (ENOENT, EEXIST, ENOTEMPTY, ...).
 *
 * The VFS made its generic checks before calling (fs/dir_ops.c); what the
 * host refuses beyond them comes back from the device. Names that create
 * or remove are applied on the host at once, so there is nothing to write
 * back. link, symlink and mknod are not offered (EPERM from the VFS);
 * chown is EPERM unless it keeps uid and gid 1000, since the host keeps
 * no guest owners. Files are read and written without the page cache
 * (no mmap: ENODEV); execve reads them as any file.
 */
#include "file.h"
#include "fs.h"
#include "fs/hostfs/hostfs.h"
#include "hako/fcntl.h"
#include "lib.h"
#include "mm.h"
#include "vm.h"
#include "proc.h"
#include "hako/errno.h"

static void request(struct hostfs_req *r, u32 op, u32 a0) {
  memset(r, 0, sizeof *r);
  r->op = op;
  r->a[0] = a0;
}

/* An inode for the node an attribute reply describes: referenced, its
 * cached attributes refreshed (the host may have changed them). */
static struct inode *inode_of(struct super_block *sb, const struct hostfs_attr *a, int *err) {
  struct inode *ip = iget(sb, a->id);
  if (ip == NULL) {
    *err = -ENFILE;
    return NULL;
  }
  if (ip->valid && !ip->locked) hostfs_fill_inode(ip, a);
  *err = 0;
  return ip;
}

static int call_attr(struct hostfs_req *r, struct hostfs_attr *a) {
  int n = hostfs_call(r, a, sizeof *a);
  if (n >= 0 && n != (int)sizeof *a) return -EIO;
  return n < 0 ? n : 0;
}

static struct inode *hostfs_lookup(struct inode *dir, const char *name, u32 len, int *err) {
  struct hostfs_req r;
  struct hostfs_attr a;
  char copy[NAME_MAX + 1];
  if (len > NAME_MAX) {
    *err = -ENAMETOOLONG;
    return NULL;
  }
  memcpy(copy, name, len);
  copy[len] = 0;
  request(&r, HOSTFS_LOOKUP, dir->ino);
  r.name = copy;
  if ((*err = call_attr(&r, &a)) != 0) return NULL;
  return inode_of(dir->sb, &a, err);
}

static struct inode *hostfs_create(struct inode *dir, const char *name, u32 mode, int *err) {
  struct hostfs_req r;
  struct hostfs_attr a;
  struct inode *ip;
  request(&r, HOSTFS_CREATE, dir->ino);
  r.a[1] = mode & 07777;
  r.name = name;
  if ((*err = call_attr(&r, &a)) != 0) return NULL;
  ip = inode_of(dir->sb, &a, err);
  if (ip == NULL) return NULL;
  if ((*err = ilock_checked(ip)) != 0) {
    iput(ip);
    return NULL;
  }
  return ip;
}

static int hostfs_mkdir(struct inode *dir, const char *name, u32 mode) {
  struct hostfs_req r;
  struct hostfs_attr a;
  request(&r, HOSTFS_MKDIR, dir->ino);
  r.a[1] = mode & 07777;
  r.name = name;
  return call_attr(&r, &a);
}

static int remove_name(u32 op, struct inode *dir, const char *name, struct inode *ip) {
  struct hostfs_req r;
  int err;
  request(&r, op, dir->ino);
  r.name = name;
  err = hostfs_call(&r, NULL, 0);
  if (err == 0) ip->nlink = 0;   /* gone on the host; nothing to free here */
  return err < 0 ? err : 0;
}

static int hostfs_unlink(struct inode *dir, const char *name, struct inode *ip) {
  return remove_name(HOSTFS_UNLINK, dir, name, ip);
}

static int hostfs_rmdir(struct inode *dir, const char *name, struct inode *ip) {
  return remove_name(HOSTFS_RMDIR, dir, name, ip);
}

static int hostfs_rename(struct inode *odir, const char *oname, struct inode *ndir, const char *nname, struct inode *ip,
                         struct inode *target) {
  struct hostfs_req r;
  int err;
  (void)ip;
  request(&r, HOSTFS_RENAME, odir->ino);
  r.a[1] = ndir->ino;
  r.name = oname;
  r.name2 = nname;
  err = hostfs_call(&r, NULL, 0);
  if (err < 0) return err;
  if (target) target->nlink = 0;
  return 0;
}

/* chmod, utimes, truncate (ip locked). */
static int hostfs_setattr(struct inode *ip, struct iattr *at) {
  struct hostfs_req r;
  struct hostfs_attr a;
  int err;
  if (((at->valid & ATTR_UID) && at->uid != HOSTFS_OWNER) || ((at->valid & ATTR_GID) && at->gid != HOSTFS_OWNER)) {
    return -EPERM;
  }
  request(&r, HOSTFS_SETATTR, ip->ino);
  r.a[1] = at->valid & (ATTR_MODE | ATTR_SIZE | ATTR_ATIME | ATTR_MTIME);
  r.a[2] = at->mode & 07777;
  r.a[3] = at->size;
  r.a[4] = at->atime;
  r.a[5] = at->mtime;
  if ((err = call_attr(&r, &a)) != 0) return err;
  hostfs_fill_inode(ip, &a);
  return 0;
}

static int hostfs_readlink(struct inode *ip, char *out, u32 size) {
  struct hostfs_req r;
  int n;
  request(&r, HOSTFS_READLINK, ip->ino);
  n = hostfs_call(&r, out, size - 1);
  if (n < 0) return n;
  if ((u32)n > size - 1) n = (int)size - 1;
  out[n] = 0;
  return n;
}

static int hostfs_file_read(struct file *f, char *buf, u32 n) {
  struct inode *ip = f->inode;
  char *chunk = (char *)kmalloc(HOSTFS_CHUNK);
  u32 done = 0;
  int err = 0;
  if (chunk == NULL) return -ENOMEM;
  while (done < n) {
    struct hostfs_req r;
    u32 want = MIN(n - done, HOSTFS_CHUNK);
    int got;
    request(&r, HOSTFS_READ, ip->ino);
    r.a[1] = f->offset;
    r.a[2] = want;
    got = hostfs_call(&r, chunk, HOSTFS_CHUNK);
    if (got < 0) {
      err = got;
      break;
    }
    if (f->kernel_io) memcpy(buf + done, chunk, (u32)got);
    else if (copyout(buf + done, chunk, (u32)got) != 0) {
      err = -EFAULT;
      break;
    }
    done += (u32)got;
    f->offset += (u32)got;
    if ((u32)got < want) break;   /* end of file */
  }
  kfree(chunk);
  return done > 0 ? (int)done : err;
}

static int hostfs_file_write(struct file *f, const char *buf, u32 n) {
  struct inode *ip = f->inode;
  char *chunk;
  u32 done = 0;
  int err = 0;
  if (f->flags & O_APPEND) {
    /* The end of file is the host's, which may have moved. */
    if ((err = ilock_checked(ip)) != 0) return err;
    ip->valid = 0;
    iunlock(ip);
    if ((err = ilock_checked(ip)) != 0) return err;
    f->offset = ip->size;
    iunlock(ip);
  }
  if ((err = rlimit_fsize_write(f->offset, &n)) != 0) return err;   /* RLIMIT_FSIZE */
  chunk = (char *)kmalloc(HOSTFS_CHUNK);
  if (chunk == NULL) return -ENOMEM;
  while (done < n) {
    struct hostfs_req r;
    u32 len = MIN(n - done, HOSTFS_CHUNK);
    int put;
    if (f->offset > 0x7FFFFFFFu - len) {
      err = -EFBIG;
      break;
    }
    if (f->kernel_io) memcpy(chunk, buf + done, len);
    else if (copyin(chunk, buf + done, len) != 0) {
      err = -EFAULT;
      break;
    }
    request(&r, HOSTFS_WRITE, ip->ino);
    r.a[1] = f->offset;
    r.data = chunk;
    r.data_len = len;
    put = hostfs_call(&r, NULL, 0);
    if (put < 0) {
      err = put;
      break;
    }
    done += (u32)put;
    f->offset += (u32)put;
    if (f->offset > ip->size) ip->size = f->offset;
    if ((u32)put < len) break;
  }
  kfree(chunk);
  return done > 0 ? (int)done : err;
}

/* readdir: `.` and `..` at positions 0 and 1, then the host's entries;
 * f->offset is 2 + the host's index of the next entry. */
static int hostfs_readdir(struct file *f, struct dir_context *ctx) {
  struct inode *ip = f->inode;
  char *buf;
  int r = 0;
  if (f->offset == 0) {
    if (ctx->actor(ctx, ".", 1, ip->ino, 1, 4)) return 0;
    f->offset = 1;
  }
  if (f->offset == 1) {
    if (ctx->actor(ctx, "..", 2, ip->ino, 2, 4)) return 0;   /* the VFS knows the real parent */
    f->offset = 2;
  }
  buf = (char *)kmalloc(HOSTFS_CHUNK);
  if (buf == NULL) return -ENOMEM;
  for (;;) {
    struct hostfs_req q;
    u32 count, i, at = 4;
    int n;
    request(&q, HOSTFS_READDIR, ip->ino);
    q.a[1] = f->offset - 2;
    n = hostfs_call(&q, buf, HOSTFS_CHUNK);
    if (n < 4) {
      if (n < 0 && ctx->emitted == 0) r = n;
      break;
    }
    count = *(u32 *)buf;
    if (count == 0) break;
    for (i = 0; i < count; i++) {
      u32 *rec = (u32 *)(buf + at);
      u32 len = rec[3];
      if (at + 16 + len > (u32)n || len > NAME_MAX) goto out;   /* a malformed answer ends the listing */
      if (ctx->actor(ctx, buf + at + 16, len, rec[0], rec[2] + 2, rec[1])) goto out;
      f->offset = rec[2] + 2;
      at += 16 + ((len + 3) & ~3u);
    }
  }
out:
  kfree(buf);
  return r;
}

const struct inode_operations hostfs_dir_inode_ops = {
  .lookup = hostfs_lookup,
  .create = hostfs_create,
  .mkdir = hostfs_mkdir,
  .unlink = hostfs_unlink,
  .rmdir = hostfs_rmdir,
  .rename = hostfs_rename,
  .setattr = hostfs_setattr,
};

const struct inode_operations hostfs_file_inode_ops = {
  .setattr = hostfs_setattr,
};

const struct inode_operations hostfs_symlink_inode_ops = {
  .readlink = hostfs_readlink,
  .setattr = hostfs_setattr,
};

const struct file_ops hostfs_file_ops = {
  .read = hostfs_file_read,
  .write = hostfs_file_write,
  .llseek = generic_llseek,
};

const struct file_ops hostfs_dir_ops = {
  .read = generic_dir_read,
  .llseek = generic_llseek,
  .iterate = hostfs_readdir,
};
