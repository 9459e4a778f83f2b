/*
 * file.c — a tmpfs file's contents: read, write, truncate (setattr) and
 * mmap, all through the page cache, which is the only copy (mm/filemap.c,
 * FS_NO_BACKING). A missing page is a hole and reads as zeros; write gets
 * (and charges: ENOSPC past size=) each page it touches; a shared mapping
 * maps those same frames, so write(2), read(2) and every mapper see one
 * set of bytes. Nothing is ever written back: fsync has nothing to do.
 */
#include "dev.h"
#include "file.h"
#include "filemap.h"
#include "fs.h"
#include "fs/tmpfs/tmpfs.h"
#include "lib.h"
#include "mm.h"
#include "proc.h"
#include "vm.h"
#include "hako/errno.h"
#include "hako/fcntl.h"

#define TMPFS_MAX_FILE 0x7FFFFFFFu

static int tmpfs_read(struct file *f, char *buf, u32 n) {
  struct inode *ip = f->inode;
  int r;
  ilock(ip);
  r = filemap_read(ip, buf, f->offset, n, !f->kernel_io);
  ip->atime = time_now();
  iunlock(ip);
  if (r > 0) f->offset += (u32)r;
  return r;
}

/* Copies n bytes at off into the cached pages (inode locked). The bytes
 * written, or -errno when none were. */
static int write_pages(struct inode *ip, const char *buf, u32 off, u32 n, int user) {
  u32 done = 0;
  int err = 0;
  while (done < n) {
    u32 within = off & (PAGE_SIZE - 1);
    u32 chunk = MIN(n - done, PAGE_SIZE - within);
    struct page *p = pagecache_get(ip, off >> PAGE_SHIFT, &err);
    if (p == NULL) break;
    if (user) err = copyin((char *)page_address(p) + within, buf + done, chunk);
    else memcpy((char *)page_address(p) + within, buf + done, chunk);
    put_page(p);
    if (err) {
      err = -EFAULT;
      break;
    }
    done += chunk;
    off += chunk;
    if (off > ip->size) ip->size = off;
  }
  return done ? (int)done : err;
}

static int tmpfs_write(struct file *f, const char *buf, u32 n) {
  struct inode *ip = f->inode;
  int r;
  ilock(ip);
  if (f->flags & O_APPEND) f->offset = ip->size;
  r = rlimit_fsize_write(f->offset, &n);
  if (r == 0 && f->offset > TMPFS_MAX_FILE - n) r = -EFBIG;
  if (r == 0) r = file_remove_privs(ip);
  if (r == 0 && n > 0) r = write_pages(ip, buf, f->offset, n, !f->kernel_io);
  if (r > 0) {
    ip->mtime = ip->ctime = time_now();
    ip->blocks = ip->nrpages * (PAGE_SIZE / 512);
    f->offset += (u32)r;
  }
  iunlock(ip);
  return r;
}

/* chmod, chown, utimes, truncate (ip locked). Growing a file only moves
 * its end (the hole reads as zeros, no page is taken); shrinking drops the
 * pages past it and unmaps them from every mapper. */
int tmpfs_setattr(struct inode *ip, struct iattr *a) {
  if (a->valid & ATTR_SIZE) {
    if (a->size > TMPFS_MAX_FILE) return -EFBIG;
    if (a->size < ip->size) pagecache_truncate(ip, a->size);
    ip->size = a->size;
    ip->blocks = ip->nrpages * (PAGE_SIZE / 512);
    ip->mtime = time_now();
  }
  setattr_copy(ip, a);
  return 0;
}

/* Every regular tmpfs file can be mapped: its pages are the page cache's. */
static int tmpfs_mmap(struct file *f) {
  return f->inode && S_ISREG(f->inode->mode) ? 0 : -ENODEV;
}

const struct inode_operations tmpfs_file_inode_ops = {
  .setattr = tmpfs_setattr,
};

const struct file_ops tmpfs_file_ops = {
  .read = tmpfs_read,
  .write = tmpfs_write,
  .llseek = generic_llseek,
  .mmap = tmpfs_mmap,
};
