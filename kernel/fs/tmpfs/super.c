/*
 * super.c — tmpfs: mounting (the options size=, nr_inodes=, mode=, uid=,
 * gid=), statfs, making and freeing inodes, and the page charge that
 * enforces size=.
 *
 * Defaults as Linux's: size half of RAM, the root directory 1777 owned by
 * root. size=0 means no limit (Linux's "unlimited"); nr_inodes defaults to
 * 64, at most 128: every tmpfs inode keeps a slot of the 256-entry inode
 * cache for its whole life (fs/inode.c), so a tmpfs may not take them all.
 * An unknown option or a bad number is EINVAL, as Linux's mount -t tmpfs.
 * Each page-cache page a file gains is charged first (page_charge, called
 * by the page cache: ENOSPC past size=, which write(2) returns and a
 * mapping's fault turns into SIGBUS) and uncharged when it leaves.
 */
#include "dev.h"
#include "fs.h"
#include "fs/tmpfs/tmpfs.h"
#include "lib.h"
#include "mm.h"
#include "param.h"
#include "proc.h"
#include "hako/errno.h"

#define TMPFS_DEFAULT_INODES 64
#define TMPFS_MAX_INODES 128

void tmpfs_set_ops(struct inode *ip) {
  if (S_ISDIR(ip->mode)) {
    ip->op = &tmpfs_dir_inode_ops;
    ip->fop = &tmpfs_dir_ops;
  } else if (S_ISLNK(ip->mode)) {
    ip->op = &tmpfs_symlink_inode_ops;
    ip->fop = &tmpfs_file_ops;
  } else if (S_ISREG(ip->mode)) {
    ip->op = &tmpfs_file_inode_ops;
    ip->fop = &tmpfs_file_ops;
  } else {
    ip->op = &tmpfs_special_inode_ops;
    ip->fop = S_ISFIFO(ip->mode) ? &fifo_fops : NULL;   /* devices by rdev; a socket file opens ENXIO */
  }
}

struct inode *tmpfs_new_inode(struct super_block *sb, u32 mode, u32 rdev, int *err) {
  struct tmpfs_sb *s = TMPFS_SB(sb);
  struct inode *ip;
  u32 now = time_now();
  if (s->inodes >= s->max_inodes) {
    *err = -ENOSPC;
    return NULL;
  }
  ip = iget(sb, s->next_ino);
  if (ip == NULL) {
    *err = -ENFILE;
    return NULL;
  }
  s->next_ino++;
  s->inodes++;
  ilock_fresh(ip);   /* valid already: read_inode is not asked */
  memset(ip->i_private, 0, sizeof ip->i_private);
  ip->mode = mode;
  ip->uid = current ? current->uid : 0;
  ip->gid = current ? current->gid : 0;
  ip->nlink = 0;
  ip->size = 0;
  ip->blocks = 0;
  ip->rdev = rdev;
  ip->atime = ip->mtime = ip->ctime = now;
  TMPFS_I(ip)->next_pos = 2;
  tmpfs_set_ops(ip);
  *err = 0;
  return ip;
}

/* iget marks a new slot invalid and the first ilock asks read_inode; a
 * tmpfs inode is made valid before anyone can find it, so only a slot
 * being filled by tmpfs_new_inode gets here: fine, it fills it. */
static int tmpfs_read_inode(struct inode *ip, int want_live) {
  (void)ip;
  (void)want_live;
  return 0;
}

/* The last iput of an inode without links (or umount): its own state goes. */
static void tmpfs_evict_inode(struct inode *ip) {
  struct tmpfs_inode *t = TMPFS_I(ip);
  while (t->entries) {
    struct tmpfs_dirent *d = t->entries;
    t->entries = d->next;
    kfree(d);
  }
  if (t->link) kfree(t->link);
  t->link = NULL;
  TMPFS_SB(ip->sb)->inodes--;
}

static int tmpfs_statfs(struct super_block *sb, struct kstatfs *st) {
  struct tmpfs_sb *s = TMPFS_SB(sb);
  st->type = TMPFS_MAGIC;
  st->bsize = PAGE_SIZE;
  if (s->max_pages) {   /* size=0 (unlimited): Linux reports zeros */
    st->blocks = s->max_pages;
    st->bfree = st->bavail = s->max_pages > s->pages ? s->max_pages - s->pages : 0;
  }
  st->files = s->max_inodes;
  st->ffree = s->max_inodes - s->inodes;
  return 0;
}

static int tmpfs_page_charge(struct inode *ip) {
  struct tmpfs_sb *s = TMPFS_SB(ip->sb);
  if (s->max_pages && s->pages >= s->max_pages) return -ENOSPC;
  s->pages++;
  return 0;
}

static void tmpfs_page_uncharge(struct inode *ip) {
  TMPFS_SB(ip->sb)->pages--;
}

static void tmpfs_put_super(struct super_block *sb) {
  kfree(sb->fs_info);
  sb->fs_info = NULL;
}

void tmpfs_set_limit(struct super_block *sb, u32 max_pages) {
  TMPFS_SB(sb)->max_pages = max_pages;
}

static const struct super_operations tmpfs_super_ops = {
  .read_inode = tmpfs_read_inode,
  .evict_inode = tmpfs_evict_inode,
  .statfs = tmpfs_statfs,
  .put_super = tmpfs_put_super,
  .page_charge = tmpfs_page_charge,
  .page_uncharge = tmpfs_page_uncharge,
};

/* A decimal (or, with base 8, octal) number up to the next comma; the
 * suffixes k, m, g multiply (sizes). 0 or -EINVAL. */
static int parse_number(const char **sp, u32 base, int suffixes, u32 *out) {
  const char *s = *sp;
  u32 v = 0;
  int digits = 0;
  while (*s >= '0' && *s < (char)('0' + base)) {
    if (v > (0xFFFFFFFFu - (u32)(*s - '0')) / base) return -EINVAL;
    v = v * base + (u32)(*s - '0');
    s++;
    digits++;
  }
  if (digits == 0) return -EINVAL;
  if (suffixes && (*s == 'k' || *s == 'K' || *s == 'm' || *s == 'M' || *s == 'g' || *s == 'G')) {
    u32 shift = (*s == 'k' || *s == 'K') ? 10 : (*s == 'm' || *s == 'M') ? 20 : 30;
    if (v > (0xFFFFFFFFu >> shift)) return -EINVAL;
    v <<= shift;
    s++;
  }
  if (*s != 0 && *s != ',') return -EINVAL;
  *sp = s;
  *out = v;
  return 0;
}

/* "size=1m,mode=1777,..." into s and the root's mode/uid/gid. */
static int parse_options(const char *o, struct tmpfs_sb *s, u32 *mode, u32 *uid, u32 *gid) {
  while (o && *o) {
    u32 v;
    int err;
    if (*o == ',') {
      o++;
      continue;
    }
    if (strncmp(o, "size=", 5) == 0) {
      o += 5;
      err = parse_number(&o, 10, 1, &v);
      s->max_pages = (v + PAGE_SIZE - 1) / PAGE_SIZE;
      if (v > 0xFFFFFFFFu - PAGE_SIZE) s->max_pages = 0x100000;
    } else if (strncmp(o, "nr_inodes=", 10) == 0) {
      o += 10;
      err = parse_number(&o, 10, 1, &v);
      if (err == 0 && (v == 0 || v > TMPFS_MAX_INODES)) v = TMPFS_MAX_INODES;
      s->max_inodes = v;
    } else if (strncmp(o, "mode=", 5) == 0) {
      o += 5;
      err = parse_number(&o, 8, 0, &v);
      *mode = v & 07777;
    } else if (strncmp(o, "uid=", 4) == 0) {
      o += 4;
      err = parse_number(&o, 10, 0, uid);
    } else if (strncmp(o, "gid=", 4) == 0) {
      o += 4;
      err = parse_number(&o, 10, 0, gid);
    } else {
      err = -EINVAL;   /* unknown parameter */
    }
    if (err) return err;
  }
  return 0;
}

static int tmpfs_fill_super(struct super_block *sb, int dev) {
  struct tmpfs_sb *s = (struct tmpfs_sb *)kmalloc(sizeof *s);
  u32 mode = 01777, uid = 0, gid = 0;
  struct inode *root;
  int err;
  (void)dev;
  if (s == NULL) return -ENOMEM;
  s->max_pages = managed_frames / 2;
  s->max_inodes = TMPFS_DEFAULT_INODES;
  s->next_ino = TMPFS_ROOT_INO;
  err = parse_options(sb->options, s, &mode, &uid, &gid);
  if (err) {
    kfree(s);
    return err;
  }
  sb->s_op = &tmpfs_super_ops;
  sb->s_dev = anon_dev_alloc();
  sb->root_ino = TMPFS_ROOT_INO;
  sb->max_inodes = TMPFS_MAX_INODES + 1;
  sb->fs_info = s;
  root = tmpfs_new_inode(sb, S_IFDIR | mode, 0, &err);
  if (root == NULL) {
    sb->fs_info = NULL;
    kfree(s);
    return err;
  }
  root->uid = uid;
  root->gid = gid;
  root->nlink = 2;
  TMPFS_I(root)->parent = TMPFS_ROOT_INO;
  iunlockput(root);   /* pinned by its links; the mount table takes its own reference */
  return 0;
}

const struct file_system_type tmpfs_fs_type = { "tmpfs", tmpfs_fill_super, FS_NO_BACKING };
