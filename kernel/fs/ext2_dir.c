/*
 * ext2_dir.c — directories and path names.
 *
 * A directory is a file of 4 KiB blocks of variable-length entries
 * {inode, rec_len, name_len, file_type, name}; entries never cross a block
 * and the rec_lens of a block add up to exactly BLOCK_SIZE. An entry with
 * inode 0 is free space (only as the first entry of a block). New entries
 * go into the slack of an existing entry or, failing that, into a new
 * block appended to the directory; removal merges an entry into its
 * predecessor. Path resolution walks component by component with the
 * directory locked only during each lookup; symbolic links are expanded
 * into the remaining path, at most SYMLOOP_MAX times (ELOOP).
 */
#include "buf.h"
#include "dev.h"
#include "fs.h"
#include "lib.h"
#include "mm.h"
#include "printk.h"
#include "proc.h"
#include "hako/errno.h"

struct ext2_dirent {
  u32 inode;
  u16 rec_len;
  u8 name_len;
  u8 file_type;
  char name[1];
};

#define DIRENT_HEADER 8
#define DIRENT_SIZE(len) (((len) + DIRENT_HEADER + 3) & ~3u)

u32 bmap(struct inode *ip, u32 n, int alloc);

u32 ftype_of(u32 mode) {
  switch (mode & S_IFMT) {
    case S_IFREG: return 1;
    case S_IFDIR: return 2;
    case S_IFCHR: return 3;
    case S_IFBLK: return 4;
    case S_IFIFO: return 5;
    case S_IFSOCK: return 6;
    case S_IFLNK: return 7;
  }
  return 0;
}

/* A block's entries are sane: each rec_len in range and 4-aligned. */
static int entry_ok(struct ext2_dirent *e, u32 off) {
  return e->rec_len >= DIRENT_HEADER && (e->rec_len & 3) == 0 && off + e->rec_len <= BLOCK_SIZE &&
         (u32)e->name_len + DIRENT_HEADER <= e->rec_len;
}

struct inode *dirlookup(struct inode *dp, const char *name, u32 len, u32 *offset) {
  u32 pos;
  if (dp->fstype == FS_PROC) return procfs_lookup(dp, name, len);
  for (pos = 0; pos < dp->size; pos += BLOCK_SIZE) {
    u32 bn = bmap(dp, pos / BLOCK_SIZE, 0);
    struct buf *b;
    u32 off = 0;
    if (bn == 0) continue;
    b = bread(ext2_dev(), bn);
    if (b == NULL) return NULL;
    while (off < BLOCK_SIZE) {
      struct ext2_dirent *e = (struct ext2_dirent *)(b->data + off);
      if (!entry_ok(e, off)) break;
      if (e->inode != 0 && e->name_len == len && memcmp(e->name, name, len) == 0) {
        u32 ino = e->inode;
        brelse(b);
        if (offset) *offset = pos + off;
        return iget(ino);
      }
      off += e->rec_len;
    }
    brelse(b);
  }
  return NULL;
}

static void fill_entry(struct ext2_dirent *e, struct inode *ip, const char *name, u32 len) {
  e->inode = ip->ino;
  e->name_len = (u8)len;
  e->file_type = (u8)ftype_of(ip->mode);
  memcpy(e->name, name, len);
}

int dirlink(struct inode *dp, const char *name, u32 len, struct inode *ip) {
  u32 need = DIRENT_SIZE(len);
  u32 pos, bn;
  struct buf *b;
  struct ext2_dirent *e;
  int err;
  if (dp->fstype == FS_PROC) return -EPERM;
  if (len == 0 || len > NAME_MAX) return -ENAMETOOLONG;
  for (pos = 0; pos < dp->size; pos += BLOCK_SIZE) {
    u32 off = 0;
    bn = bmap(dp, pos / BLOCK_SIZE, 0);
    if (bn == 0) continue;
    b = bread(ext2_dev(), bn);
    if (b == NULL) return -EIO;
    while (off < BLOCK_SIZE) {
      u32 used;
      e = (struct ext2_dirent *)(b->data + off);
      if (!entry_ok(e, off)) break;
      used = e->inode ? DIRENT_SIZE(e->name_len) : 0;
      if (e->rec_len >= used + need) {
        if (used) {
          struct ext2_dirent *n = (struct ext2_dirent *)(b->data + off + used);
          n->rec_len = (u16)(e->rec_len - used);
          e->rec_len = (u16)used;
          e = n;
        }
        fill_entry(e, ip, name, len);
        err = bwrite(b);
        brelse(b);
        dp->mtime = dp->ctime = time_now();
        iupdate(dp);
        return err;
      }
      off += e->rec_len;
    }
    brelse(b);
  }
  /* No room: a new block at the end of the directory. */
  bn = bmap(dp, dp->size / BLOCK_SIZE, 1);
  if (bn == 0) return -ENOSPC;
  b = bread(ext2_dev(), bn);
  if (b == NULL) return -EIO;
  memset(b->data, 0, BLOCK_SIZE);
  e = (struct ext2_dirent *)b->data;
  e->rec_len = BLOCK_SIZE;
  fill_entry(e, ip, name, len);
  err = bwrite(b);
  brelse(b);
  dp->size += BLOCK_SIZE;
  dp->mtime = dp->ctime = time_now();
  iupdate(dp);
  return err;
}

int dirunlink(struct inode *dp, const char *name, u32 len) {
  u32 pos;
  if (dp->fstype == FS_PROC) return -EPERM;
  for (pos = 0; pos < dp->size; pos += BLOCK_SIZE) {
    u32 bn = bmap(dp, pos / BLOCK_SIZE, 0);
    struct buf *b;
    u32 off = 0;
    struct ext2_dirent *prev = NULL;
    if (bn == 0) continue;
    b = bread(ext2_dev(), bn);
    if (b == NULL) return -EIO;
    while (off < BLOCK_SIZE) {
      struct ext2_dirent *e = (struct ext2_dirent *)(b->data + off);
      if (!entry_ok(e, off)) break;
      if (e->inode != 0 && e->name_len == len && memcmp(e->name, name, len) == 0) {
        int err;
        if (prev) prev->rec_len = (u16)(prev->rec_len + e->rec_len);
        else e->inode = 0;
        err = bwrite(b);
        brelse(b);
        dp->mtime = dp->ctime = time_now();
        iupdate(dp);
        return err;
      }
      prev = e;
      off += e->rec_len;
    }
    brelse(b);
  }
  return -ENOENT;
}

int dir_is_empty(struct inode *dp) {
  u32 pos;
  if (dp->fstype == FS_PROC) return 0;
  for (pos = 0; pos < dp->size; pos += BLOCK_SIZE) {
    u32 bn = bmap(dp, pos / BLOCK_SIZE, 0);
    struct buf *b;
    u32 off = 0;
    if (bn == 0) continue;
    b = bread(ext2_dev(), bn);
    if (b == NULL) return 0;
    while (off < BLOCK_SIZE) {
      struct ext2_dirent *e = (struct ext2_dirent *)(b->data + off);
      if (!entry_ok(e, off)) break;
      if (e->inode != 0 && !(e->name_len == 1 && e->name[0] == '.') &&
          !(e->name_len == 2 && e->name[0] == '.' && e->name[1] == '.')) {
        brelse(b);
        return 0;
      }
      off += e->rec_len;
    }
    brelse(b);
  }
  return 1;
}

/* Reads a symlink's target into out (NUL-terminated); returns its length. */
int read_link(struct inode *ip, char *out, u32 size) {
  u32 n = MIN(ip->size, size - 1);
  if (ip->blocks == 0 && ip->size < 60) {
    memcpy(out, (char *)ip->block, n);   /* a fast symlink lives in the block map */
  } else {
    int r = readi(ip, out, 0, n, 0);
    if (r < 0) return r;
    n = (u32)r;
  }
  out[n] = 0;
  return (int)n;
}

/* The walk behind namei and nameiparent. With want_parent, stops at the
 * last component's directory and copies that component into `name`. */
static struct inode *walk(const char *path, int follow, int want_parent, char *name, int *err) {
  char *buf = (char *)kmalloc(2 * PATH_MAX);
  char *tmp;
  char *p;
  struct inode *cur;
  int links = 0;
  int must_be_dir = 0;   /* the last component had a trailing slash */
  if (buf == NULL) {
    *err = -ENOMEM;
    return NULL;
  }
  if (!fs_mounted()) {
    kfree(buf);
    *err = -ENOENT;
    return NULL;
  }
  tmp = buf + PATH_MAX;
  if (strlcpy(buf, path, PATH_MAX) >= PATH_MAX) {
    kfree(buf);
    *err = -ENAMETOOLONG;
    return NULL;
  }
  if (buf[0] == 0) {
    kfree(buf);
    *err = -ENOENT;
    return NULL;
  }
  cur = (buf[0] == '/' || current->cwd == NULL) ? iget(ROOT_INO) : idup(current->cwd);
  p = buf;
  for (;;) {
    char *comp, *next;
    u32 len;
    int last;
    struct inode *child;
    while (*p == '/') p++;
    if (*p == 0) {
      if (want_parent) {
        /* "/" or "a/": there is no last component to hand out. */
        iput(cur);
        kfree(buf);
        *err = -EEXIST;
        return NULL;
      }
      kfree(buf);
      if (must_be_dir) {
        /* "file/" names a directory that is not there: ENOTDIR, as Linux. */
        if (ilock_checked(cur) != 0 || !S_ISDIR(cur->mode)) {
          if (cur->locked) iunlock(cur);
          iput(cur);
          *err = -ENOTDIR;
          return NULL;
        }
        iunlock(cur);
      }
      return cur;
    }
    comp = p;
    while (*p && *p != '/') p++;
    len = (u32)(p - comp);
    next = p;
    while (*next == '/') next++;
    last = *next == 0;
    must_be_dir = last && *p == '/';
    if (len > NAME_MAX) {
      iput(cur);
      kfree(buf);
      *err = -ENAMETOOLONG;
      return NULL;
    }
    if (ilock_checked(cur) != 0) {
      iput(cur);
      kfree(buf);
      *err = -EIO;
      return NULL;
    }
    if (!S_ISDIR(cur->mode)) {
      iunlockput(cur);
      kfree(buf);
      *err = -ENOTDIR;
      return NULL;
    }
    if (want_parent && last) {
      memcpy(name, comp, len);
      name[len] = 0;
      iunlock(cur);
      kfree(buf);
      return cur;
    }
    child = procfs_cross(dirlookup(cur, comp, len, NULL));
    iunlock(cur);
    if (child == NULL) {
      iput(cur);
      kfree(buf);
      *err = -ENOENT;
      return NULL;
    }
    if (ilock_checked(child) != 0) {
      iput(child);
      iput(cur);
      kfree(buf);
      *err = -EIO;
      return NULL;
    }
    if (S_ISLNK(child->mode) && (!last || follow || *p == '/')) {
      int n;
      if (++links > SYMLOOP_MAX) {
        iunlockput(child);
        iput(cur);
        kfree(buf);
        *err = -ELOOP;
        return NULL;
      }
      n = read_link(child, tmp, PATH_MAX);
      iunlockput(child);
      if (n <= 0 || (u32)n + 2 + strlen(next) >= PATH_MAX) {
        iput(cur);
        kfree(buf);
        *err = n < 0 ? n : (n == 0 ? -ENOENT : -ENAMETOOLONG);
        return NULL;
      }
      /* Continue with target + "/" + the rest of the path (the rest may
       * be empty, or just the trailing slash that asks for a directory). */
      if (*next) {
        tmp[n] = '/';
        strlcpy(tmp + n + 1, next, PATH_MAX - (u32)n - 1);
      } else if (*p == '/') {
        tmp[n] = '/';
        tmp[n + 1] = 0;
      }
      strlcpy(buf, tmp, PATH_MAX);
      if (buf[0] == '/') {
        iput(cur);
        cur = iget(ROOT_INO);
      }
      p = buf;
      continue;
    }
    iunlock(child);
    iput(cur);
    cur = child;
    p = next;
  }
}

/* Both set *err to 0 on success, so callers may test it either way. */
struct inode *namei(const char *path, int follow, int *err) {
  *err = 0;
  return walk(path, follow, 0, NULL, err);
}

struct inode *nameiparent(const char *path, char *name, int *err) {
  *err = 0;
  return walk(path, 0, 1, name, err);
}
