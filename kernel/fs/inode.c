/*
 * inode.c — the inode cache, shared by every file system.
 *
 * Rules: at most one struct inode per (superblock, inode number); refcount
 * counts holders; an entry with refcount 0 keeps its contents (a later
 * iget of the same file is a hit) until its slot is reused, invalid slots
 * first. `locked` is a sleep lock held across I/O by one process; the
 * first lock of a new entry asks the superblock to read it (read_inode),
 * and a file system whose inodes are made up (procfs) fills them there.
 * The last iput of an inode with no links asks the superblock to free it
 * (evict_inode), after dropping its cached pages. An inode with cached
 * pages is referenced by the page cache (mm/filemap.c); when every slot
 * is referenced, iget takes back one that only the cache holds. A linked
 * inode of a memory-only file system (FS_NO_BACKING: tmpfs) is never given
 * up: the slot is where the file lives (`pinned`).
 */
#include "arch.h"
#include "filemap.h"
#include "fs.h"
#include "lib.h"
#include "printk.h"
#include "proc.h"
#include "hako/errno.h"

#define NINODE 256

static struct inode icache[NINODE];

/* A tmpfs file still in its directory: its slot may not be reused. */
static int pinned(struct inode *ip) {
  return ip->valid && ip->nlink > 0 && ip->sb != NULL && (ip->sb->type->fs_flags & FS_NO_BACKING);
}

struct inode *iget(struct super_block *sb, u32 ino) {
  struct inode *empty = NULL;
  int i;
  for (i = 0; i < NINODE; i++) {
    struct inode *ip = &icache[i];
    if (ip->ino == ino && ip->sb == sb && (ip->refcount > 0 || ip->valid)) {
      ip->refcount++;
      return ip;
    }
    if (ip->refcount == 0 && !pinned(ip) && (empty == NULL || (empty->valid && !ip->valid))) empty = ip;
  }
  if (empty == NULL) {
    /* Slots that only the page cache holds can be given back. */
    for (i = 0; i < NINODE; i++) {
      if (icache[i].refcount == 1 && icache[i].nrpages > 0 && pagecache_release_inode(&icache[i]) == 0) {
        return iget(sb, ino);
      }
    }
  }
  if (empty == NULL) {
    /* Every slot is referenced (a process may hold many open files):
     * the caller reports ENFILE/ENOENT; mounted roots are pinned, never this. */
    printk(KERN_WARNING, "VFS: inode cache full (%d in use)", NINODE);
    return NULL;
  }
  empty->ino = ino;
  empty->sb = sb;
  empty->refcount = 1;
  empty->valid = 0;
  empty->locked = 0;
  empty->op = NULL;
  empty->fop = NULL;
  return empty;
}

struct inode *idup(struct inode *ip) {
  ip->refcount++;
  return ip;
}

static void take_lock(struct inode *ip) {
  u32 flags = irq_save();
  while (ip->locked) sleep_uninterruptible(ip);
  ip->locked = 1;
  ip->lock_owner = current;
  if (current) current->inode_locks++;
  irq_restore(flags);
}

/* Locks ip and, if it is not in memory yet, reads it. With want_live, an
 * inode the disk says is deleted is refused (-ESTALE, as Linux's
 * ext2_iget); allocation reads the inode it is about to reuse without. */
static int ilock_read(struct inode *ip, int want_live) {
  take_lock(ip);
  if (!ip->valid) {
    int err = ip->sb->s_op->read_inode(ip, want_live);
    if (err) {
      iunlock(ip);
      return err;
    }
    ip->valid = 1;
  }
  return 0;
}

int ilock_checked(struct inode *ip) {
  return ilock_read(ip, 1);
}

int ilock_fresh(struct inode *ip) {
  return ilock_read(ip, 0);
}

/* Like ilock_checked, but an unreadable inode (a disk error) is locked
 * anyway and looks empty (mode 0: not a file, not a directory), so every
 * caller fails its operation with an error instead of the kernel dying. */
void ilock(struct inode *ip) {
  if (ilock_checked(ip) == 0) return;
  printk(KERN_ERR, "VFS: cannot read inode %u", ip->ino);
  take_lock(ip);
  ip->mode = 0;
  ip->size = 0;
  ip->nlink = 1;   /* never freed by iput on the strength of a failed read */
  ip->op = NULL;   /* and nothing can be done with it */
  ip->fop = NULL;
  memset(ip->i_private, 0, sizeof ip->i_private);
}

void iunlock(struct inode *ip) {
  u32 flags = irq_save();
  if (ip->lock_owner) ((struct proc *)ip->lock_owner)->inode_locks--;
  ip->locked = 0;
  ip->lock_owner = NULL;
  wakeup(ip);
  irq_restore(flags);
}

int iupdate(struct inode *ip) {
  if (ip->sb->s_op->write_inode == NULL) return -EPERM;
  return ip->sb->s_op->write_inode(ip);
}

void iput(struct inode *ip) {
  /* An unlinked file's cached pages go before its last holder does (the
   * cache's own reference would keep it alive forever). */
  if (ip->nrpages > 0 && ip->refcount == 2 && ip->valid && ip->nlink == 0) pagecache_truncate(ip, 0);
  if (ip->refcount == 1 && ip->valid && ip->nlink == 0 && ip->sb->s_op->evict_inode) {
    ilock(ip);
    ip->sb->s_op->evict_inode(ip);
    ip->valid = 0;
    iunlock(ip);
  }
  ip->refcount--;
}

void iunlockput(struct inode *ip) {
  iunlock(ip);
  iput(ip);
}

/* umount's questions (fs/mount.c). An inode only the page cache holds
 * (refcount 1 with pages) is idle: its pages can be written back. */
int sb_inodes_busy(struct super_block *sb, struct inode *root, int root_refs) {
  int i;
  for (i = 0; i < NINODE; i++) {
    struct inode *ip = &icache[i];
    int idle = ip == root ? root_refs : ip->nrpages > 0 ? 1 : 0;
    if (ip->sb == sb && ip->refcount > idle) return 1;
  }
  return 0;
}

int sb_release_pages(struct super_block *sb) {
  int i;
  for (i = 0; i < NINODE; i++) {
    if (icache[i].sb == sb && icache[i].nrpages > 0 && (sb->type->fs_flags & FS_NO_BACKING)) {
      /* Its contents go with the file system; only the cache holds it. */
      if (icache[i].refcount != 1) return -EBUSY;
      pagecache_truncate(&icache[i], 0);
      continue;
    }
    if (icache[i].sb == sb && icache[i].nrpages > 0 && pagecache_release_inode(&icache[i]) != 0) return -EBUSY;
  }
  return 0;
}

void sb_forget_inodes(struct super_block *sb) {
  int i;
  for (i = 0; i < NINODE; i++) {
    struct inode *ip = &icache[i];
    if (ip->sb != sb) continue;
    BUG_ON(ip->refcount != 0);
    /* A memory-only file dies with its file system: its own state goes. */
    if (ip->valid && (sb->type->fs_flags & FS_NO_BACKING) && sb->s_op->evict_inode) sb->s_op->evict_inode(ip);
    ip->valid = 0;
    ip->sb = NULL;
    ip->ino = 0;
  }
}

/* The file layer's names for the same operations. */
struct inode *inode_dup(struct inode *ip) {
  return idup(ip);
}

void inode_put(struct inode *ip) {
  iput(ip);
}

/* Bytes of an unlocked regular file into kernel memory (execve). */
int inode_read(struct inode *ip, void *dst, u32 off, u32 n) {
  struct file f;
  int r;
  if (ip->fop == NULL || ip->fop->read == NULL) return -EINVAL;
  memset(&f, 0, sizeof f);
  f.inode = ip;
  f.offset = off;
  f.kernel_io = 1;
  r = ip->fop->read(&f, (char *)dst, n);
  return r;
}

u32 inode_size(struct inode *ip) {
  return ip->size;
}
