/*
 * inode.c — ext2 inodes: reading and writing them for the VFS inode cache
 * (fs/inode.c), the block map (12 direct, single, double and triple
 * indirect blocks), file contents (readi, writei, itrunc) and the file
 * operations of regular files.
 *
 * The last iput of an inode with no links frees its blocks and the inode
 * on disk (ext2_evict_inode). Block allocation counts
 * every data and indirect block in `blocks` (512-byte units) as ext2 does.
 * Regular files' bytes go through the page cache (mm/filemap.c): readi
 * reads cached pages, writei writes through to the disk and the cached
 * copy, itrunc and the last iput of an unlinked inode drop cached pages.
 */
#include "arch.h"
#include "buf.h"
#include "dev.h"
#include "filemap.h"
#include "fs.h"
#include "fs/ext2/ext2.h"
#include "hako/fcntl.h"
#include "lib.h"
#include "mm.h"
#include "printk.h"
#include "proc.h"
#include "hako/errno.h"
#include "vm.h"

#define NDIRECT 12
#define PTRS_PER_BLOCK (BLOCK_SIZE / 4)
#define SECTORS_PER_BLOCK (BLOCK_SIZE / 512)
#define MAX_FILE_SIZE 0x7FFFFFFFu   /* no LARGE_FILE feature: below 2 GiB */

struct ext2_dinode {
  u16 mode, uid;
  u32 size, atime, ctime, mtime, dtime;
  u16 gid, links_count;
  u32 blocks, flags, osd1;
  u32 block[15];
  u32 generation, file_acl, dir_acl, faddr;
  u8 osd2[12];
};

/* Fills a new cache entry from the inode table. With want_live, an inode
 * the disk says is deleted (no links, and mode 0 or a deletion time) is
 * refused with -ESTALE, as Linux's ext2_iget does: a directory entry
 * naming it is damage, and its block map is not to be trusted. */
int ext2_read_inode(struct inode *ip, int want_live) {
  u32 off;
  struct buf *b;
  struct ext2_dinode *d;
  struct ext2_inode_info *ei = EXT2_I(ip);
  if (ip->ino == 0 || ip->ino > EXT2_SB(ip->sb)->inodes_count) {
    ext2_error(ip->sb, "ext2_iget", "bad inode number: %u", ip->ino);
    return -EIO;
  }
  b = bread(ip->sb->bdev, ext2_inode_block(ip->sb, ip->ino, &off));
  if (b == NULL) return -EIO;
  d = (struct ext2_dinode *)(b->data + off);
  if (want_live && d->links_count == 0 && (d->mode == 0 || d->dtime != 0)) {
    ext2_error(ip->sb, "ext2_iget", "deleted inode referenced: %u", ip->ino);
    brelse(b);
    return -ESTALE;
  }
  ip->mode = d->mode;
  ip->uid = d->uid;
  ip->gid = d->gid;
  ip->nlink = d->links_count;
  ip->size = d->size;
  ip->atime = d->atime;
  ip->ctime = d->ctime;
  ip->mtime = d->mtime;
  ei->dtime = d->dtime;
  ip->blocks = d->blocks;
  ei->flags = d->flags;
  memcpy(ei->block, d->block, sizeof ei->block);
  ei->generation = d->generation;
  brelse(b);
  ext2_set_ops(ip);
  return 0;
}

int ext2_write_inode(struct inode *ip) {
  u32 off;
  struct buf *b;
  struct ext2_dinode *d;
  int err;
  b = bread(ip->sb->bdev, ext2_inode_block(ip->sb, ip->ino, &off));
  if (b == NULL) return -EIO;
  d = (struct ext2_dinode *)(b->data + off);
  d->mode = (u16)ip->mode;
  d->uid = (u16)ip->uid;
  d->gid = (u16)ip->gid;
  d->links_count = (u16)ip->nlink;
  d->size = ip->size;
  d->atime = ip->atime;
  d->ctime = ip->ctime;
  d->mtime = ip->mtime;
  d->dtime = EXT2_I(ip)->dtime;
  d->blocks = ip->blocks;
  d->flags = EXT2_I(ip)->flags;
  memcpy(d->block, EXT2_I(ip)->block, sizeof EXT2_I(ip)->block);
  d->generation = EXT2_I(ip)->generation;
  err = bwrite(b);
  brelse(b);
  return err;
}

/* A block pointer read from the inode or a pointer block: 0 (a hole) or a
 * block of the data zone. Anything else is damage: reported, BMAP_BAD. */
static u32 checked_pointer(struct inode *ip, u32 v, u32 n) {
  if (v == 0 || v == BMAP_BAD || !ext2_block_is_metadata(ip->sb, v)) return v;
  ext2_error(ip->sb, "ext2_get_block", "inode %u block %u: pointer to metadata or outside the volume: block %u", ip->ino, n,
             v);
  return BMAP_BAD;
}

/* Returns the block number in entry `index` of pointer block `table`,
 * allocating it when `alloc`. 0 means a hole (or no space when allocating). */
static u32 walk_slot(struct inode *ip, u32 table, u32 index, int alloc, int is_table, u32 n) {
  struct buf *b;
  u32 *entries;
  u32 v;
  if (table == 0 || table == BMAP_BAD) return table;
  b = bread(ip->sb->bdev, table);
  if (b == NULL) return BMAP_BAD;
  entries = (u32 *)b->data;
  v = checked_pointer(ip, entries[index], n);
  if (v == 0 && alloc) {
    v = ext2_balloc(ip->sb, is_table);
    if (v != 0) {
      entries[index] = v;
      ip->blocks += SECTORS_PER_BLOCK;
      bwrite(b);
    }
  }
  brelse(b);
  return v;
}

/* Makes sure *slot holds a block (allocating when asked); returns it, 0,
 * or BMAP_BAD for a corrupt pointer. */
static u32 ensure(struct inode *ip, u32 *slot, int alloc, int is_table, u32 n) {
  if (*slot != 0) return checked_pointer(ip, *slot, n);
  if (alloc) {
    u32 b = ext2_balloc(ip->sb, is_table);
    if (b == 0) return 0;
    *slot = b;
    ip->blocks += SECTORS_PER_BLOCK;
  }
  return *slot;
}

/* File block n → disk block; 0 for a hole, or for no space when alloc;
 * BMAP_BAD when a pointer on the way is corrupt (reading it fails: EIO). */
u32 ext2_bmap(struct inode *ip, u32 n, int alloc) {
  u32 t, file_block = n;
  if (n < NDIRECT) return ensure(ip, &EXT2_I(ip)->block[n], alloc, 0, file_block);
  n -= NDIRECT;
  if (n < PTRS_PER_BLOCK) {
    t = ensure(ip, &EXT2_I(ip)->block[12], alloc, 1, file_block);
    return walk_slot(ip, t, n, alloc, 0, file_block);
  }
  n -= PTRS_PER_BLOCK;
  if (n < PTRS_PER_BLOCK * PTRS_PER_BLOCK) {
    t = ensure(ip, &EXT2_I(ip)->block[13], alloc, 1, file_block);
    t = walk_slot(ip, t, n / PTRS_PER_BLOCK, alloc, 1, file_block);
    return walk_slot(ip, t, n % PTRS_PER_BLOCK, alloc, 0, file_block);
  }
  n -= PTRS_PER_BLOCK * PTRS_PER_BLOCK;
  t = ensure(ip, &EXT2_I(ip)->block[14], alloc, 1, file_block);
  t = walk_slot(ip, t, n / (PTRS_PER_BLOCK * PTRS_PER_BLOCK), alloc, 1, file_block);
  t = walk_slot(ip, t, (n / PTRS_PER_BLOCK) % PTRS_PER_BLOCK, alloc, 1, file_block);
  return walk_slot(ip, t, n % PTRS_PER_BLOCK, alloc, 0, file_block);
}

int readi(struct inode *ip, void *dst, u32 off, u32 n, int user) {
  u32 done = 0;
  if (S_ISREG(ip->mode)) return filemap_read(ip, dst, off, n, user);
  if (off >= ip->size) return 0;
  if (n > ip->size - off) n = ip->size - off;
  while (done < n) {
    u32 bn = ext2_bmap(ip, off / BLOCK_SIZE, 0);
    u32 within = off % BLOCK_SIZE;
    u32 chunk = MIN(n - done, BLOCK_SIZE - within);
    char *to = (char *)dst + done;
    if (bn == 0) {
      if (user) {
        static char zeros[512];
        u32 z = 0;
        while (z < chunk) {
          u32 c = MIN(chunk - z, sizeof zeros);
          if (copyout(to + z, zeros, c) != 0) return done ? (int)done : -EFAULT;
          z += c;
        }
      } else {
        memset(to, 0, chunk);
      }
    } else {
      struct buf *b = bread(ip->sb->bdev, bn);
      int err = 0;
      if (b == NULL) return done ? (int)done : -EIO;
      if (user) err = copyout(to, b->data + within, chunk);
      else memcpy(to, b->data + within, chunk);
      brelse(b);
      if (err) return done ? (int)done : -EFAULT;
    }
    done += chunk;
    off += chunk;
  }
  return (int)done;
}

int writei(struct inode *ip, const void *src, u32 off, u32 n, int user) {
  u32 done = 0;
  int err = 0;
  char *bounce = NULL;
  if (off > MAX_FILE_SIZE || n > MAX_FILE_SIZE - off) return -EFBIG;
  /* User bytes are fetched before a block is allocated, so a bad pointer
   * (EFAULT) never leaves an allocated block behind. */
  if (user && n > 0) {
    bounce = (char *)kmalloc(BLOCK_SIZE);
    if (bounce == NULL) return -ENOMEM;
  }
  while (done < n) {
    u32 within = off % BLOCK_SIZE;
    u32 chunk = MIN(n - done, BLOCK_SIZE - within);
    const char *from = (const char *)src + done;
    u32 bn;
    struct buf *b;
    if (user) {
      if (copyin(bounce, from, chunk) != 0) {
        err = -EFAULT;
        break;
      }
      from = bounce;
    }
    bn = ext2_bmap(ip, off / BLOCK_SIZE, 1);
    if (bn == 0) {
      err = -ENOSPC;
      break;
    }
    b = bread(ip->sb->bdev, bn);
    if (b == NULL) {
      err = -EIO;
      break;
    }
    memcpy(b->data + within, from, chunk);
    if (S_ISREG(ip->mode)) filemap_write_through(ip, off, from, chunk);
    err = bwrite(b);
    brelse(b);
    if (err) break;
    done += chunk;
    off += chunk;
    if (off > ip->size) ip->size = off;
  }
  if (bounce) kfree(bounce);
  if (done > 0) {
    ip->mtime = ip->ctime = time_now();
  }
  ext2_write_inode(ip);
  if (done > 0) return (int)done;
  return err;
}

/* Frees the blocks of a pointer tree of `level` (1 single .. 3 triple)
 * covering file blocks from `base`, keeping those below `keep`. Returns 1
 * when the whole tree is now empty (and freed). */
static int free_tree(struct inode *ip, u32 table, int level, u32 base, u32 keep) {
  struct buf *b;
  u32 *entries;
  u32 span = 1, i;
  int empty = 1, changed = 0;
  /* A corrupt pointer to metadata is never read as a table (its "entries"
   * would free other files' blocks) nor freed: the tree stays. */
  if (checked_pointer(ip, table, base) == BMAP_BAD) return 0;
  b = bread(ip->sb->bdev, table);
  if (b == NULL) return 0;
  for (i = 1; i < (u32)level; i++) span *= PTRS_PER_BLOCK;
  entries = (u32 *)b->data;
  for (i = 0; i < PTRS_PER_BLOCK; i++) {
    u32 first = base + i * span;
    if (entries[i] == 0) continue;
    if (first + span <= keep) {
      empty = 0;
      continue;
    }
    if (level == 1) {
      if (first >= keep) {
        ext2_bfree(ip->sb, entries[i]);
        ip->blocks -= SECTORS_PER_BLOCK;
        entries[i] = 0;
        changed = 1;
      } else {
        empty = 0;
      }
    } else if (free_tree(ip, entries[i], level - 1, first, keep)) {
      entries[i] = 0;
      changed = 1;
    } else {
      empty = 0;
    }
  }
  if (changed && !empty) bwrite(b);
  brelse(b);
  if (empty) {
    ext2_bfree(ip->sb, table);
    ip->blocks -= SECTORS_PER_BLOCK;
  }
  return empty;
}

int itrunc(struct inode *ip, u32 size) {
  u32 keep = (size + BLOCK_SIZE - 1) / BLOCK_SIZE;
  u32 i;
  if (size > MAX_FILE_SIZE) return -EFBIG;
  if (size < ip->size || size == 0) pagecache_truncate(ip, size);
  if (S_ISLNK(ip->mode) && ip->blocks == 0) {
    /* A fast symlink: the "block map" holds the target text, not blocks. */
    memset(EXT2_I(ip)->block, 0, sizeof EXT2_I(ip)->block);
  } else {
    /* Blocks past the new end are freed even when the size does not
     * shrink: a failed write may have left one past the old end. */
    for (i = 0; i < NDIRECT; i++) {
      if (i >= keep && EXT2_I(ip)->block[i]) {
        ext2_bfree(ip->sb, EXT2_I(ip)->block[i]);
        ip->blocks -= SECTORS_PER_BLOCK;
        EXT2_I(ip)->block[i] = 0;
      }
    }
    if (EXT2_I(ip)->block[12] && free_tree(ip, EXT2_I(ip)->block[12], 1, NDIRECT, keep)) EXT2_I(ip)->block[12] = 0;
    if (EXT2_I(ip)->block[13] && free_tree(ip, EXT2_I(ip)->block[13], 2, NDIRECT + PTRS_PER_BLOCK, keep)) EXT2_I(ip)->block[13] = 0;
    if (EXT2_I(ip)->block[14] &&
        free_tree(ip, EXT2_I(ip)->block[14], 3, NDIRECT + PTRS_PER_BLOCK + PTRS_PER_BLOCK * PTRS_PER_BLOCK, keep)) {
      EXT2_I(ip)->block[14] = 0;
    }
    /* Zero the tail of the last kept block, so a later extension reads zeros. */
    if (size < ip->size && size % BLOCK_SIZE) {
      u32 bn = ext2_bmap(ip, size / BLOCK_SIZE, 0);
      if (bn) {
        struct buf *b = bread(ip->sb->bdev, bn);
        if (b) {
          memset(b->data + size % BLOCK_SIZE, 0, BLOCK_SIZE - size % BLOCK_SIZE);
          bwrite(b);
          brelse(b);
        }
      }
    }
  }
  ip->size = size;
  ip->mtime = ip->ctime = time_now();
  return ext2_write_inode(ip);
}

/* How many in-use inodes a damaged inode bitmap may offer one create
 * before it gives up (each is reported and keeps its bit). */
#define MAX_INODES_IN_USE 8

struct inode *inode_create(struct super_block *sb, u32 mode, int *err) {
  struct inode *ip;
  u32 now = time_now();
  int tries;
  *err = 0;
  for (tries = 0;; tries++) {
    u32 ino;
    if (tries == MAX_INODES_IN_USE) {
      *err = -EIO;
      return NULL;
    }
    ino = ext2_ialloc(sb, S_ISDIR(mode));
    if (ino == 0) {
      *err = -ENOSPC;
      return NULL;
    }
    ip = iget(sb, ino);
    if (ip == NULL) {
      ext2_ifree(sb, ino, S_ISDIR(mode));
      *err = -ENFILE;
      return NULL;
    }
    if (ilock_fresh(ip) != 0) {
      iput(ip);   /* unreadable: its bit stays set, nothing is lost */
      *err = -EIO;
      return NULL;
    }
    /* The bitmap said free; the inode must agree (no links, and deleted or
     * never used), and nobody may hold it. Otherwise the bitmap is damaged:
     * the in-use inode keeps its bit and is left alone. */
    if (ip->refcount == 1 && ip->nlink == 0 && (EXT2_I(ip)->dtime != 0 || ip->mode == 0)) break;
    ext2_error(sb, "ext2_new_inode", "inode %u taken from the bitmap is in use (mode 0%o, links %u, dtime %u)", ino,
               ip->mode, ip->nlink, EXT2_I(ip)->dtime);
    ext2_ialloc_in_use(sb, ino, S_ISDIR(mode));
    if (ip->refcount == 1) ip->valid = 0;   /* so this iput never frees it */
    iunlockput(ip);
  }
  ip->mode = mode;
  ip->uid = current->uid;
  ip->gid = current->gid;
  ip->nlink = 0;
  ip->size = 0;
  ip->atime = ip->ctime = ip->mtime = now;
  EXT2_I(ip)->dtime = 0;
  ip->blocks = 0;
  EXT2_I(ip)->flags = 0;
  memset(EXT2_I(ip)->block, 0, sizeof EXT2_I(ip)->block);
  EXT2_I(ip)->generation++;
  ext2_set_ops(ip);
  ext2_write_inode(ip);
  return ip;
}

/* The last reference to an inode with no links (locked): its blocks and
 * the inode itself go back to the bitmaps. */
void ext2_evict_inode(struct inode *ip) {
  int was_dir = S_ISDIR(ip->mode);
  /* Only these have a block map: a device node's block[0] is its number,
   * a FIFO's or socket's is empty (Linux's ext2_evict_inode alike). */
  if (S_ISREG(ip->mode) || was_dir || S_ISLNK(ip->mode)) itrunc(ip, 0);
  else memset(EXT2_I(ip)->block, 0, sizeof EXT2_I(ip)->block);
  ip->mode = 0;
  EXT2_I(ip)->dtime = time_now();
  ext2_write_inode(ip);
  ext2_ifree(ip->sb, ip->ino, was_dir);
}

static int ext2_file_read(struct file *f, char *buf, u32 n) {
  struct inode *ip = f->inode;
  int r;
  if (ilock_checked(ip) != 0) return -EIO;
  r = readi(ip, buf, f->offset, n, !f->kernel_io);
  iunlock(ip);
  if (r > 0) f->offset += (u32)r;
  return r;
}

static int ext2_file_write(struct file *f, const char *buf, u32 n) {
  struct inode *ip = f->inode;
  int r;
  if (ilock_checked(ip) != 0) return -EIO;
  if (f->flags & O_APPEND) f->offset = ip->size;
  r = rlimit_fsize_write(f->offset, &n);   /* RLIMIT_FSIZE: shorter, or SIGXFSZ and EFBIG */
  if (r == 0) r = file_remove_privs(ip);   /* before the bytes change: a changed program keeps no owner's rights */
  if (r == 0) r = writei(ip, buf, f->offset, n, 1);
  iunlock(ip);
  if (r > 0) f->offset += (u32)r;
  return r;
}

const struct file_ops ext2_file_ops = {
  .read = ext2_file_read,
  .write = ext2_file_write,
  .llseek = generic_llseek,
  .mmap = generic_file_mmap,
  .fsync = generic_file_fsync,
};

void ext2_set_ops(struct inode *ip) {
  if (S_ISDIR(ip->mode)) {
    ip->op = &ext2_dir_inode_ops;
    ip->fop = &ext2_dir_ops;
  } else if (S_ISLNK(ip->mode)) {
    ip->op = &ext2_symlink_inode_ops;
    ip->fop = &ext2_file_ops;
  } else if (S_ISCHR(ip->mode) || S_ISBLK(ip->mode)) {
    ip->op = &ext2_special_inode_ops;
    ip->fop = NULL;   /* a character device's, by rdev (fs/char_dev.c); mount(2) reads a block device's rdev */
    ip->rdev = EXT2_I(ip)->block[0] ? EXT2_I(ip)->block[0] : EXT2_I(ip)->block[1];
  } else if (S_ISFIFO(ip->mode)) {
    ip->op = &ext2_special_inode_ops;
    ip->fop = &fifo_fops;   /* a pipe attached to the inode (fs/pipe.c) */
  } else if (S_ISSOCK(ip->mode)) {
    ip->op = &ext2_special_inode_ops;
    ip->fop = NULL;   /* opening a socket file is ENXIO, as Linux */
  } else {
    ip->op = S_ISREG(ip->mode) ? &ext2_file_inode_ops : &ext2_special_inode_ops;
    ip->fop = &ext2_file_ops;
  }
}
