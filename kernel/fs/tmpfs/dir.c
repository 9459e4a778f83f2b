/*
 * dir.c — tmpfs's name operations: lookup, create, mkdir, mknod, symlink,
 * link, unlink, rmdir, rename, readdir.
 *
 * A directory is a list of entries in creation order; each entry has a
 * readdir position taken from the directory's counter, so a listing in
 * progress neither repeats nor skips entries when others are removed.
 * The VFS has made the generic checks (fs/dir_ops.c); what remains here is
 * ENOTEMPTY, ENOSPC (nr_inodes, or no memory for an entry) and keeping
 * link counts equal to the entries. An inode whose last link goes keeps
 * living while it is open or mapped; its last iput frees it (evict_inode)
 * and its pages (fs/inode.c).
 */
#include "dev.h"
#include "fs.h"
#include "fs/tmpfs/tmpfs.h"
#include "lib.h"
#include "mm.h"
#include "hako/errno.h"

static struct tmpfs_dirent *find_entry(struct inode *dir, const char *name, u32 len) {
  struct tmpfs_dirent *d;
  for (d = TMPFS_I(dir)->entries; d; d = d->next)
    if (d->len == len && memcmp(d->name, name, len) == 0) return d;
  return NULL;
}

static int add_entry(struct inode *dir, const char *name, u32 ino) {
  u32 len = strlen(name);
  struct tmpfs_dirent *d = (struct tmpfs_dirent *)kmalloc(sizeof *d + len);
  struct tmpfs_dirent **tail;
  if (d == NULL) return -ENOSPC;
  d->ino = ino;
  d->len = len;
  d->pos = TMPFS_I(dir)->next_pos++;
  memcpy(d->name, name, len);
  d->name[len] = 0;
  for (tail = &TMPFS_I(dir)->entries; *tail; tail = &(*tail)->next) {
  }
  *tail = d;
  dir->size += 20;   /* Linux's tmpfs counts BOGO_DIRENT_SIZE per entry */
  dir->mtime = dir->ctime = time_now();
  return 0;
}

static void remove_entry(struct inode *dir, const char *name) {
  struct tmpfs_dirent **link;
  u32 len = strlen(name);
  for (link = &TMPFS_I(dir)->entries; *link; link = &(*link)->next) {
    struct tmpfs_dirent *d = *link;
    if (d->len == len && memcmp(d->name, name, len) == 0) {
      *link = d->next;
      kfree(d);
      dir->size -= 20;
      dir->mtime = dir->ctime = time_now();
      return;
    }
  }
}

static struct inode *tmpfs_lookup(struct inode *dir, const char *name, u32 len, int *err) {
  struct tmpfs_dirent *d;
  u32 ino;
  struct inode *ip;
  if (len == 1 && name[0] == '.') ino = dir->ino;
  else if (len == 2 && name[0] == '.' && name[1] == '.') ino = TMPFS_I(dir)->parent;
  else {
    d = find_entry(dir, name, len);
    if (d == NULL) {
      *err = -ENOENT;
      return NULL;
    }
    ino = d->ino;
  }
  ip = iget(dir->sb, ino);
  *err = ip ? 0 : -ENFILE;
  return ip;
}

/* A new inode (locked, referenced) named name in dir, with its first link. */
static struct inode *make_named(struct inode *dir, const char *name, u32 mode, u32 rdev, int *err) {
  struct inode *ip = tmpfs_new_inode(dir->sb, mode, rdev, err);
  if (ip == NULL) return NULL;
  inode_init_owner(ip, dir);
  *err = add_entry(dir, name, ip->ino);
  if (*err) {
    iunlockput(ip);   /* no links: the last iput frees it */
    return NULL;
  }
  ip->nlink = 1;
  return ip;
}

static struct inode *tmpfs_create(struct inode *dir, const char *name, u32 mode, int *err) {
  return make_named(dir, name, S_IFREG | (mode & 07777), 0, err);
}

static int tmpfs_mknod(struct inode *dir, const char *name, u32 mode, u32 rdev) {
  int err;
  struct inode *ip = make_named(dir, name, mode, rdev, &err);
  if (ip) iunlockput(ip);
  return err;
}

static int tmpfs_mkdir(struct inode *dir, const char *name, u32 mode) {
  int err;
  struct inode *ip = make_named(dir, name, S_IFDIR | (mode & 07777), 0, &err);
  if (ip == NULL) return err;
  ip->nlink = 2;
  TMPFS_I(ip)->parent = dir->ino;
  dir->nlink++;
  iunlockput(ip);
  return 0;
}

static int tmpfs_symlink(struct inode *dir, const char *name, const char *target) {
  int err;
  u32 len = strlen(target);
  char *copy = (char *)kmalloc(len + 1);
  struct inode *ip;
  if (copy == NULL) return -ENOSPC;
  memcpy(copy, target, len + 1);
  ip = make_named(dir, name, S_IFLNK | 0777, 0, &err);
  if (ip == NULL) {
    kfree(copy);
    return err;
  }
  TMPFS_I(ip)->link = copy;
  ip->size = len;
  iunlockput(ip);
  return 0;
}

static int tmpfs_link(struct inode *ip, struct inode *dir, const char *name) {
  int err = add_entry(dir, name, ip->ino);
  if (err) return err;
  ip->nlink++;
  ip->ctime = time_now();
  return 0;
}

static int tmpfs_unlink(struct inode *dir, const char *name, struct inode *ip) {
  remove_entry(dir, name);
  ip->nlink--;
  ip->ctime = time_now();
  return 0;
}

static int tmpfs_rmdir(struct inode *dir, const char *name, struct inode *ip) {
  if (TMPFS_I(ip)->entries) return -ENOTEMPTY;
  remove_entry(dir, name);
  ip->nlink = 0;
  dir->nlink--;
  ip->ctime = time_now();
  return 0;
}

/* Both directories unlocked (fs.h); nothing here sleeps, so no lock is needed. */
static int tmpfs_rename(struct inode *odir, const char *oname, struct inode *ndir, const char *nname, struct inode *ip,
                        struct inode *target) {
  int err;
  if (target && S_ISDIR(target->mode) && TMPFS_I(target)->entries) return -ENOTEMPTY;
  if (target) {
    remove_entry(ndir, nname);
    if (S_ISDIR(target->mode)) {
      target->nlink = 0;
      ndir->nlink--;
    } else {
      target->nlink--;
    }
    target->ctime = time_now();
  }
  err = add_entry(ndir, nname, ip->ino);
  if (err) return err;   /* only without memory; the target is gone already, as a crash would leave it */
  remove_entry(odir, oname);
  if (S_ISDIR(ip->mode) && odir != ndir) {
    TMPFS_I(ip)->parent = ndir->ino;
    odir->nlink--;
    ndir->nlink++;
  }
  ip->ctime = time_now();
  return 0;
}

static int tmpfs_readlink(struct inode *ip, char *out, u32 size) {
  const char *t = TMPFS_I(ip)->link ? TMPFS_I(ip)->link : "";
  u32 n = MIN(strlen(t), size - 1);
  memcpy(out, t, n);
  out[n] = 0;
  return (int)n;
}

/* `.` and `..` at positions 0 and 1, then the entries by position. */
static int tmpfs_readdir(struct file *f, struct dir_context *ctx) {
  struct inode *dir = f->inode;
  struct tmpfs_dirent *d;
  if (f->offset == 0) {
    if (ctx->actor(ctx, ".", 1, dir->ino, 1, 4)) return 0;
    f->offset = 1;
  }
  if (f->offset == 1) {
    if (ctx->actor(ctx, "..", 2, TMPFS_I(dir)->parent, 2, 4)) return 0;
    f->offset = 2;
  }
  for (d = TMPFS_I(dir)->entries; d; d = d->next) {
    u32 dtype = 0;
    struct inode *ip;
    if (d->pos < f->offset) continue;
    ip = iget(dir->sb, d->ino);
    if (ip) {
      dtype = dtype_of(ip->mode);
      iput(ip);
    }
    if (ctx->actor(ctx, d->name, d->len, d->ino, d->pos + 1, dtype)) return 0;
    f->offset = d->pos + 1;
  }
  return 0;
}

const struct inode_operations tmpfs_dir_inode_ops = {
  .lookup = tmpfs_lookup,
  .create = tmpfs_create,
  .link = tmpfs_link,
  .unlink = tmpfs_unlink,
  .symlink = tmpfs_symlink,
  .mkdir = tmpfs_mkdir,
  .mknod = tmpfs_mknod,
  .rmdir = tmpfs_rmdir,
  .rename = tmpfs_rename,
  .setattr = tmpfs_setattr,
};

const struct inode_operations tmpfs_symlink_inode_ops = {
  .readlink = tmpfs_readlink,
  .setattr = tmpfs_setattr,
};

const struct inode_operations tmpfs_special_inode_ops = {
  .setattr = tmpfs_setattr,
};

const struct file_ops tmpfs_dir_ops = {
  .read = generic_dir_read,
  .llseek = generic_llseek,
  .iterate = tmpfs_readdir,
};
