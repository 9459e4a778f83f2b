/*
 * dir.c — ext2 directories: lookup, adding and removing entries, reading
 * them (readdir), and symlink targets.
 *
 * A directory is a file of 4 KiB blocks of variable-length entries
 * {inode, rec_len, name_len, file_type, name}; entries never cross a block
 * and the rec_lens of a block add up to exactly BLOCK_SIZE. An entry with
 * inode 0 is free space (only as the first entry of a block). New entries
 * go into the slack of an existing entry or, failing that, into a new
 * block appended to the directory; removal merges an entry into its
 * predecessor. The callers (the VFS and fs/ext2/namei.c) hold the
 * directory's lock.
 *
 * The disk is not trusted: every directory block is checked whole before
 * any of its records is used (dir_block, as Linux's ext2_check_page): a
 * hole, a size that is not whole blocks, a record shorter than the
 * smallest, unaligned, crossing the block, too short for its name, or
 * naming an inode past the volume is reported in an `EXT2-fs error` line
 * with the directory's inode and block, and the operation fails with EIO.
 * A directory's size must also fit in the blocks it counts. So every walk
 * over records advances by at least 12 bytes and ends, and every walk over
 * blocks ends at the first one past what the inode really holds.
 */
#include "buf.h"
#include "dev.h"
#include "fs.h"
#include "fs/ext2/ext2.h"
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
#define DIRENT_MIN DIRENT_SIZE(1)   /* the smallest record: a 1-byte name */


#define SECTORS_PER_BLOCK (BLOCK_SIZE / 512)

static u32 ftype_of(u32 mode) {
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

/* The problem with the record at off of a directory block, or NULL. */
static const char *record_problem(struct inode *dp, struct ext2_dirent *e, u32 off) {
  if (e->rec_len < DIRENT_MIN) return "rec_len is smaller than minimal";
  if (e->rec_len & 3) return "unaligned directory entry";
  if (e->rec_len < DIRENT_SIZE(e->name_len)) return "rec_len is too small for name_len";
  if (off + e->rec_len > BLOCK_SIZE) return "directory entry across blocks";
  if (e->inode > EXT2_SB(dp->sb)->inodes_count) return "inode out of bounds";
  return NULL;
}

/* Reads the directory block holding byte pos of dp (ext2) and checks all
 * its records; returns it held, or NULL with *err = -EIO. */
static struct buf *dir_block(struct inode *dp, u32 pos, int *err) {
  u32 n = pos / BLOCK_SIZE;
  u32 bn, off = 0;
  struct buf *b;
  *err = -EIO;
  /* Every directory block is allocated and counted in `blocks`, so a size
   * beyond them is damage (the walk stops here, before any wrap-around). */
  if (n >= dp->blocks / SECTORS_PER_BLOCK || n >= EXT2_SB(dp->sb)->blocks_count) {
    ext2_error(dp->sb, "ext2_check_page", "directory #%u size %u is more than its %u blocks hold", dp->ino, dp->size,
               dp->blocks / SECTORS_PER_BLOCK);
    return NULL;
  }
  if (dp->size % BLOCK_SIZE && n == dp->size / BLOCK_SIZE) {
    ext2_error(dp->sb, "ext2_check_page", "size of directory #%u is not a multiple of chunk size (%u)", dp->ino, dp->size);
    return NULL;
  }
  bn = ext2_bmap(dp, n, 0);
  if (bn == BMAP_BAD) return NULL;   /* reported by bmap */
  if (bn == 0) {
    ext2_error(dp->sb, "ext2_check_page", "directory #%u has a hole at block %u (size %u)", dp->ino, n, dp->size);
    return NULL;
  }
  b = bread(dp->sb->bdev, bn);
  if (b == NULL) {
    ext2_error(dp->sb, "ext2_check_page", "cannot read directory #%u block %u", dp->ino, bn);
    return NULL;
  }
  if (b->flags & B_DIR_CHECKED) {   /* checked since it was last read or written */
    *err = 0;
    return b;
  }
  while (off <= BLOCK_SIZE - DIRENT_MIN) {
    struct ext2_dirent *e = (struct ext2_dirent *)(b->data + off);
    const char *why = record_problem(dp, e, off);
    if (why) {
      ext2_error(dp->sb, "ext2_check_page", "bad entry in directory #%u block %u: %s - offset=%u, inode=%u, rec_len=%u, name_len=%u",
                 dp->ino, bn, why, pos - pos % BLOCK_SIZE + off, e->inode, e->rec_len, e->name_len);
      brelse(b);
      return NULL;
    }
    off += e->rec_len;
  }
  if (off != BLOCK_SIZE) {
    ext2_error(dp->sb, "ext2_check_page", "entry in directory #%u block %u spans the block boundary - offset=%u", dp->ino, bn,
               pos - pos % BLOCK_SIZE + off);
    brelse(b);
    return NULL;
  }
  b->flags |= B_DIR_CHECKED;
  *err = 0;
  return b;
}

/* 0 if the directory block holding byte pos of dp reads and its records
 * are sane; else -EIO, after an EXT2-fs error line. */
static int check_dir_block(struct inode *dp, u32 pos) {
  int err;
  struct buf *b = dir_block(dp, pos, &err);
  if (b) brelse(b);
  return err;
}

/* Looks name up in dp (locked); NULL with *err = -ENOENT, or -EIO for a
 * damaged directory. A removed directory (nlink 0: rmdir'ed while a
 * process had it as its cwd) has no names but `.`, `..` included, as
 * Linux's dead directories: its blocks still hold the old entries, whose inodes may be
 * freed and reused since. */
struct inode *ext2_lookup(struct inode *dp, const char *name, u32 len, int *err) {
  u32 pos;
  struct inode *ip;
  *err = -ENOENT;
  if (dp->nlink == 0) {   /* only itself remains */
    if (len != 1 || name[0] != '.') return NULL;
    *err = 0;
    return idup(dp);
  }
  for (pos = 0; pos < dp->size; pos += BLOCK_SIZE) {
    struct buf *b = dir_block(dp, pos, err);
    u32 off = 0;
    if (b == NULL) return NULL;
    *err = -ENOENT;
    while (off < BLOCK_SIZE) {
      struct ext2_dirent *e = (struct ext2_dirent *)(b->data + off);
      if (e->inode != 0 && e->name_len == len && memcmp(e->name, name, len) == 0) {
        u32 ino = e->inode;
        brelse(b);
        ip = iget(dp->sb, ino);
        if (ip == NULL) *err = -ENFILE;
        else *err = 0;
        return ip;
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
  if (len == 0 || len > NAME_MAX) return -ENAMETOOLONG;
  for (pos = 0; pos < dp->size; pos += BLOCK_SIZE) {
    u32 off = 0;
    b = dir_block(dp, pos, &err);
    if (b == NULL) return err;
    while (off < BLOCK_SIZE) {
      u32 used;
      e = (struct ext2_dirent *)(b->data + off);
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
        ext2_write_inode(dp);
        return err;
      }
      off += e->rec_len;
    }
    brelse(b);
  }
  /* No room: a new block at the end of the directory. */
  bn = ext2_bmap(dp, dp->size / BLOCK_SIZE, 1);
  if (bn == 0) return -ENOSPC;
  if (bn == BMAP_BAD) return -EIO;
  b = bread(dp->sb->bdev, bn);
  if (b == NULL) return -EIO;
  memset(b->data, 0, BLOCK_SIZE);
  e = (struct ext2_dirent *)b->data;
  e->rec_len = BLOCK_SIZE;
  fill_entry(e, ip, name, len);
  err = bwrite(b);
  brelse(b);
  dp->size += BLOCK_SIZE;
  dp->mtime = dp->ctime = time_now();
  ext2_write_inode(dp);
  return err;
}

int dirunlink(struct inode *dp, const char *name, u32 len) {
  u32 pos;
  for (pos = 0; pos < dp->size; pos += BLOCK_SIZE) {
    int err;
    struct buf *b = dir_block(dp, pos, &err);
    u32 off = 0;
    struct ext2_dirent *prev = NULL;
    if (b == NULL) return err;
    while (off < BLOCK_SIZE) {
      struct ext2_dirent *e = (struct ext2_dirent *)(b->data + off);
      if (e->inode != 0 && e->name_len == len && memcmp(e->name, name, len) == 0) {
        if (prev) prev->rec_len = (u16)(prev->rec_len + e->rec_len);
        else e->inode = 0;
        err = bwrite(b);
        brelse(b);
        dp->mtime = dp->ctime = time_now();
        ext2_write_inode(dp);
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
  for (pos = 0; pos < dp->size; pos += BLOCK_SIZE) {
    int err;
    struct buf *b = dir_block(dp, pos, &err);
    u32 off = 0;
    if (b == NULL) return 0;   /* damaged: never "empty", so never removed */
    while (off < BLOCK_SIZE) {
      struct ext2_dirent *e = (struct ext2_dirent *)(b->data + off);
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
int ext2_readlink(struct inode *ip, char *out, u32 size) {
  u32 n = MIN(ip->size, size - 1);
  if (ip->blocks == 0 && ip->size < 60) {
    memcpy(out, (char *)EXT2_I(ip)->block, n);   /* a fast symlink lives in the block map */
  } else {
    int r = readi(ip, out, 0, n, 0);
    if (r < 0) return r;
    n = (u32)r;
  }
  out[n] = 0;
  return (int)n;
}

/* DT_* of an entry's file_type (unknown types: DT_UNKNOWN). */
static const u8 ftype_dtype[8] = { 0, 8, 4, 2, 6, 1, 12, 10 };

/* readdir: from f->offset, each live entry to the actor, until it says
 * stop. Each block's records are checked before the first is used; a
 * damaged block fails with EIO (when nothing was taken yet) and is stepped
 * over, as Linux's ext2_readdir. */
int ext2_readdir(struct file *f, struct dir_context *ctx) {
  struct inode *ip = f->inode;
  char name[NAME_MAX + 1];
  int r = 0;
  if (ilock_checked(ip) != 0) return -EIO;
  while (f->offset < ip->size) {
    struct ext2_dirent e;
    u32 next;
    if (ctx->emitted == 0 || f->offset % BLOCK_SIZE == 0) {
      int bad = check_dir_block(ip, f->offset);
      if (bad) {
        f->offset = ALIGN_UP(f->offset + 1, BLOCK_SIZE);
        if (ctx->emitted == 0) r = bad;
        break;
      }
    }
    if (readi(ip, &e, f->offset, DIRENT_HEADER, 0) != DIRENT_HEADER || e.rec_len < DIRENT_HEADER ||
        (f->offset % BLOCK_SIZE) + e.rec_len > BLOCK_SIZE) {
      /* A broken entry: skip to the next block. */
      f->offset = ALIGN_UP(f->offset + 1, BLOCK_SIZE);
      continue;
    }
    next = f->offset + e.rec_len;
    if (e.inode == 0 || e.name_len == 0) {
      f->offset = next;
      continue;
    }
    readi(ip, name, f->offset + DIRENT_HEADER, e.name_len, 0);
    r = ctx->actor(ctx, name, e.name_len, e.inode, next, e.file_type < 8 ? ftype_dtype[e.file_type] : 0);
    if (r) break;
    f->offset = next;
  }
  iunlock(ip);
  return r < 0 ? r : 0;
}
