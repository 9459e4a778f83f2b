/*
 * mount.c — file-system types, superblocks and the mount table: mount(2)
 * and umount2(2), and the questions the name system calls ask about
 * mounts (EXDEV, EBUSY, EROFS).
 *
 * A mount is (superblock, the directory it covers, its root inode, the
 * source it names, the path it was mounted on); the first is the root file
 * system and covers nothing. Each mount has its own superblock (one disk
 * is never mounted twice: EBUSY). Both inodes of a mount are pinned
 * (referenced) for as long as it exists, so the cache never forgets them.
 * Path resolution (fs/namei.c) asks mount_covering when it steps onto a
 * directory and mount_covered when `..` leaves a mounted root. Mounts are
 * few: the table is searched linearly; slots are reused after umount.
 *
 * Mount namespaces (issue 13): every mount belongs to one namespace, and
 * the walk, /proc/mounts, mount and umount see only the caller's
 * (current_mnt_ns). A new namespace (clone/unshare CLONE_NEWNS) starts as
 * a copy of its parent's table: new mounts pointing at the same
 * superblocks, with their own pins on the covered directory and the root.
 * A superblock lives while any mount in any namespace uses it; umount in
 * one namespace of a file system still mounted in another only detaches
 * it there. The namespace's last reference drops its mounts
 * (mnt_ns_release).
 *
 * umount refuses a busy file system (EBUSY): an inode of it held by
 * anything but the mount itself and the page cache (an open file, a cwd,
 * a mapping, a lookup in progress), or a mount below it. When it goes,
 * its cached pages are written back and dropped, its inodes forgotten,
 * its buffers released (they were written through), then the file
 * system frees its own state (put_super).
 *
 * Identity needs both numbers: an inode number alone does not say which
 * file it is, (superblock, number) does. A directory operation must not
 * mix file systems (link and rename across mounts are EXDEV, as Linux
 * checks before anything is written) and must not remove or rename a
 * mount point or a mounted root (EBUSY). A read-only mount (MS_RDONLY)
 * refuses writes to its files, directories and symlinks with EROFS
 * (sb_permission, asked by inode_permission, and vfs_setattr).
 */
#include "buf.h"
#include "filemap.h"
#include "fs.h"
#include "lib.h"
#include "mm.h"
#include "printk.h"
#include "proc.h"
#include "swap.h"
#include "hako/errno.h"
#include "hako/fcntl.h"
#include "hako/mount.h"

#define NMOUNT 32   /* mounts of every namespace together */

struct mount {
  int used;
  u32 seq;                    /* when it was mounted: stacking and /proc/mounts order */
  struct mnt_namespace *ns;   /* the namespace it is in (not a counted reference: it belongs to it) */
  struct super_block *sb;
  struct inode *covered;   /* the directory mounted on (NULL for /) */
  struct inode *root;
  char source[16];         /* "/dev/hdc", "proc": what /proc/mounts shows first */
  char *dir;               /* kmalloc'd: the mount point's path when mounted */
};

static struct mount mounts[NMOUNT];   /* mounts[0] is the initial namespace's / */
static struct super_block supers[NMOUNT];   /* in use while a mount points at it */
static u32 next_anon_minor = 1;
static u32 mount_seq;
static int mount_hi;   /* slots [0, mount_hi) may be in use: the walk's loops stop there */

static void drop_mount(struct mount *m);

/* The types mount(2) knows by name (fstype argument, /proc/filesystems). */
static const struct file_system_type *const fs_types[] = { &ext2_fs_type, &proc_fs_type, &hostfs_fs_type,
                                                          &tmpfs_fs_type, &cgroup2_fs_type };

/* Linux numbers devices without a disk 0:N. */
u32 anon_dev_alloc(void) {
  return next_anon_minor++;
}

const struct file_system_type *fs_type_at(int i) {
  return i >= 0 && i < (int)(sizeof fs_types / sizeof fs_types[0]) ? fs_types[i] : NULL;
}

static const struct file_system_type *get_fs_type(const char *name) {
  int i;
  const struct file_system_type *t;
  for (i = 0; (t = fs_type_at(i)) != NULL; i++) {
    if (strcmp(t->name, name) == 0) return t;
  }
  return NULL;
}

static int free_slot(void) {
  int i;
  for (i = 0; i < NMOUNT; i++) {
    if (!mounts[i].used) return i;
  }
  return -1;
}

/* Mounts (in any namespace) of sb. */
static int sb_mounts(struct super_block *sb) {
  int i, n = 0;
  for (i = 0; i < NMOUNT; i++) {
    if (mounts[i].used && mounts[i].sb == sb) n++;
  }
  return n;
}

static struct super_block *free_super(void) {
  int i;
  for (i = 0; i < NMOUNT; i++) {
    if (supers[i].type == NULL) return &supers[i];
  }
  return NULL;
}

/* The caller's mount namespace (path resolution asks at every step: no call). */
#define mnt_ns() (current && current->nsproxy ? current->nsproxy->mnt : &init_mnt_ns)

/* Mount m is in the caller's namespace. */
#define visible(m) ((m)->used && (m)->ns == mnt_ns())

static void slot_taken(int slot) {
  if (slot + 1 > mount_hi) mount_hi = slot + 1;
}

static int disk_is_mounted(int dev) {
  int i;
  for (i = 0; i < NMOUNT; i++) {
    if (mounts[i].used && mounts[i].sb->bdev == dev) return 1;
  }
  return 0;
}

/* The path of directory ip (kmalloc'd), or NULL. */
static char *path_of(struct inode *ip) {
  char *buf = (char *)kmalloc(PATH_MAX + NAME_MAX + 1);
  char *copy = NULL;
  int at;
  if (buf == NULL) return NULL;
  at = vfs_global_path_of(ip, buf, buf + PATH_MAX);
  if (at >= 0) {
    copy = (char *)kmalloc(strlen(buf + at) + 1);
    if (copy) strlcpy(copy, buf + at, strlen(buf + at) + 1);
  }
  kfree(buf);
  return copy;
}

/* Mounts a new superblock of type (on disk dev, or -1) on the directory
 * `covered` (NULL: the root). The table keeps the reference to covered it
 * is given, but only on success. */
static int do_mount(const struct file_system_type *type, int dev, struct inode *covered, const char *source,
                    u32 flags, const char *options) {
  int err, slot = free_slot();
  struct super_block *sb;
  struct mount *m;
  char *dir;
  if (slot < 0) return -ENOMEM;
  if (dev >= 0 && disk_is_mounted(dev)) return -EBUSY;
  if (dev == DISK_SWAP && swap_total_pages() > 0) return -EBUSY;   /* swapping on it */
  sb = free_super();
  if (sb == NULL) return -ENOMEM;
  dir = covered ? path_of(covered) : NULL;
  if (covered && dir == NULL) return -ENOMEM;
  memset(sb, 0, sizeof *sb);
  sb->type = type;
  sb->bdev = dev;
  sb->s_flags = flags & MS_RDONLY;
  sb->options = options;
  err = type->fill_super(sb, dev);
  sb->options = NULL;
  if (err) {
    memset(sb, 0, sizeof *sb);
    if (dir) kfree(dir);
    return err;
  }
  m = &mounts[slot];
  m->root = iget(sb, sb->root_ino);
  if (m->root == NULL) {
    if (sb->s_op->put_super) sb->s_op->put_super(sb);
    memset(sb, 0, sizeof *sb);
    if (dir) kfree(dir);
    return -ENOMEM;
  }
  m->ns = mnt_ns();
  m->seq = ++mount_seq;
  slot_taken(slot);
  m->sb = sb;
  m->covered = covered;
  m->dir = dir;
  strlcpy(m->source, source, sizeof m->source);
  m->used = 1;
  return 0;
}

/* A device-less file system on an existing directory of the root, quietly
 * skipped when the directory or the file system's device is missing. */
static void mount_at_boot(const struct file_system_type *type, const char *path, const char *source,
                          const char *options) {
  int err;
  struct inode *dir = namei(path, 1, &err);
  if (dir == NULL) return;
  ilock(dir);
  err = S_ISDIR(dir->mode) ? 0 : -ENOTDIR;
  iunlock(dir);
  if (err == 0) err = do_mount(type, -1, dir, source, 0, options);
  if (err == 0) printk(KERN_INFO, "%s: mounted on %s", type->name, path);
  else iput(dir);
}

void vfs_mount_root(void) {
  int err;
  struct inode *dir;
  if (do_mount(&ext2_fs_type, 0, NULL, "/dev/hda", 0, NULL) != 0) {
    printk(KERN_ERR, "VFS: cannot mount the root file system from disk0");
    return;
  }
  printk(KERN_INFO, "VFS: mounted root (ext2 filesystem) on disk0");
  dir = namei("/proc", 1, &err);
  if (dir == NULL) return;
  ilock(dir);
  if (!S_ISDIR(dir->mode)) {
    iunlockput(dir);
    return;
  }
  iunlock(dir);
  if (do_mount(&proc_fs_type, -1, dir, "proc", 0, NULL) == 0) printk(KERN_INFO, "procfs: mounted on /proc");
  else iput(dir);
  mount_at_boot(&hostfs_fs_type, "/host", "host", NULL);
  /* POSIX shared memory (shm_open) lives in /dev/shm: the kernel mounts it,
   * as it does /proc, so it is there before init and for every program. */
  mount_at_boot(&tmpfs_fs_type, "/dev/shm", "tmpfs", "mode=1777");
  mount_at_boot(&cgroup2_fs_type, "/sys/fs/cgroup", "cgroup2", NULL);
}

int vfs_root_mounted(void) {
  return mounts[0].used;
}

/* The caller's namespace's / (the mount that covers nothing). */
static struct mount *root_mount(void) {
  struct mnt_namespace *ns = mnt_ns();
  int i;
  for (i = 0; i < mount_hi; i++) {
    if (mounts[i].covered == NULL && mounts[i].used && mounts[i].ns == ns) return &mounts[i];
  }
  return NULL;
}

struct inode *vfs_root(void) {
  struct mount *m = root_mount();
  return m ? idup(m->root) : NULL;
}

/* The same file (not merely the same inode number). */
int fs_same_inode(struct inode *a, struct inode *b) {
  return a->sb == b->sb && a->ino == b->ino;
}

/* On the same mounted file system. */
int fs_same_mount(struct inode *a, struct inode *b) {
  return a->sb == b->sb;
}

/* The mount whose root ip is, or NULL. */
static struct mount *mount_rooted_at(struct inode *ip) {
  int i;
  for (i = 0; i < mount_hi; i++) {
    if (mounts[i].root == ip && visible(&mounts[i])) return &mounts[i];
  }
  return NULL;
}

/* The last mount on ip (mounts stack: a later one hides an earlier).
 * Asked at every step of every walk: a covered directory is pinned, so
 * its cached inode is the one the walk holds and a pointer compare finds it. */
struct inode *mount_covering(struct inode *ip) {
  struct mnt_namespace *ns = mnt_ns();
  struct mount *top = NULL;
  int i;
  for (i = 0; i < mount_hi; i++) {
    struct mount *m = &mounts[i];
    if (m->covered == ip && m->used && m->ns == ns && (top == NULL || m->seq > top->seq)) top = m;
  }
  return top ? idup(top->root) : NULL;
}

struct inode *mount_covered(struct inode *root) {
  struct mount *m = mount_rooted_at(root);
  return m && m->covered ? idup(m->covered) : NULL;
}

int is_root_of_sb(struct inode *ip) {
  return ip->ino == ip->sb->root_ino;
}

/* ip is the caller's namespace's / */
int is_global_root(struct inode *ip) {
  struct mount *m = root_mount();
  return m && fs_same_inode(ip, m->root);
}

/* Something is mounted here, or it is the root of a mount. */
int fs_is_mount_point(struct inode *ip) {
  int i;
  for (i = 0; i < NMOUNT; i++) {
    if (!visible(&mounts[i])) continue;
    if (fs_same_inode(mounts[i].root, ip)) return 1;
    if (mounts[i].covered && fs_same_inode(mounts[i].covered, ip)) return 1;
  }
  return 0;
}

/* Writes to a read-only mount are EROFS for files, directories and
 * symlinks (devices and FIFOs live elsewhere), as Linux's inode_permission. */
int sb_permission(struct inode *ip, int mask) {
  if ((mask & MAY_WRITE) && (ip->sb->s_flags & MS_RDONLY) &&
      (S_ISREG(ip->mode) || S_ISDIR(ip->mode) || S_ISLNK(ip->mode))) {
    return -EROFS;
  }
  return 0;
}

int sb_rdonly(struct super_block *sb) {
  return (sb->s_flags & MS_RDONLY) != 0;
}

/* statfs: what the file system says about itself (zeros where it keeps no count). */
int vfs_statfs(struct inode *ip, struct kstatfs *st) {
  memset(st, 0, sizeof *st);
  st->namelen = NAME_MAX;
  st->rdonly = sb_rdonly(ip->sb);
  if (ip->sb->s_op->statfs == NULL) return 0;
  return ip->sb->s_op->statfs(ip->sb, st);
}

/* How a mount's path reads for the caller: its own after a chroot (the
 * root's global path cut off), NULL for a mount outside its root, which
 * /proc/mounts leaves out as Linux does. */
static const char *dir_for_caller(struct mount *m, const char *root, u32 rlen) {
  const char *dir = m->dir ? m->dir : "/";
  if (rlen == 0) return dir;
  if (strncmp(dir, root, rlen) != 0 || (dir[rlen] != 0 && dir[rlen] != '/')) return NULL;
  return dir[rlen] ? dir + rlen : "/";
}

/* /proc/mounts' view of the caller's mount i (in mount order): 0, or
 * -ENOENT past the last. */
int mount_info_at(int i, struct mount_info *mi) {
  int n, k;
  u32 after = 0, rlen = 0;
  char *root = NULL;
  int at = -1;
  if (current && current->fs && current->fs->root) {
    root = (char *)kmalloc(PATH_MAX + NAME_MAX + 1);
    if (root) at = vfs_global_path_of(current->fs->root, root, root + PATH_MAX);
    if (at >= 0 && strcmp(root + at, "/") != 0) rlen = strlen(root + at);
  }
  for (k = 0; k < NMOUNT; k++) {
    /* the caller's mounts in the order they were made */
    struct mount *next = NULL;
    for (n = 0; n < NMOUNT; n++) {
      if (visible(&mounts[n]) && mounts[n].seq > after && (next == NULL || mounts[n].seq < next->seq)) next = &mounts[n];
    }
    if (next == NULL) break;
    after = next->seq;
    n = (int)(next - mounts);
    mi->dir = dir_for_caller(next, rlen ? root + at : "", rlen);
    if (mi->dir == NULL || i-- > 0) continue;
    mi->source = mounts[n].source;
    mi->type = mounts[n].sb->type->name;
    mi->options = sb_rdonly(mounts[n].sb) ? "ro" : "rw";
    if (root) kfree(root);
    return 0;
  }
  if (root) kfree(root);
  return -ENOENT;
}

/* ---- mount(2) and umount2(2), for the system calls (sys/sys_mount.c) ---- */

#define MS_SUPPORTED (MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_SYNCHRONOUS | MS_REMOUNT | MS_NOATIME | \
                      MS_NODIRATIME | MS_SILENT | MS_RELATIME)

/* The disk a block-device path names: ENOENT..., ENOTBLK, ENXIO. */
static int disk_of_path(const char *source) {
  int err, dev;
  struct inode *ip = namei(source, 1, &err);
  if (ip == NULL) return err;
  if ((err = ilock_checked(ip)) != 0) {
    iput(ip);
    return err;
  }
  dev = S_ISBLK(ip->mode) ? disk_of_devt(ip->rdev) : -ENOTBLK;
  iunlockput(ip);
  if (dev == -ENOTBLK) return dev;
  if (dev < 0 || disk_blocks(dev) == 0) return -ENXIO;
  return dev;
}

/* A regular file of sb open for writing in some process (remount
 * read-only waits for none, as Linux's sb_prepare_remount_readonly;
 * device nodes do not count, as Linux takes no write access for them). */
static int open_for_write(struct super_block *sb) {
  struct list_head *n;
  int fd;
  for (n = all_procs.next; n != &all_procs; n = n->next) {
    struct proc *p = list_entry(n, struct proc, all_node);
    if (p->files == NULL) continue;
    for (fd = 0; fd < p->files->max_fds; fd++) {
      struct file *f = p->files->fd[fd];
      if (f && f->inode && f->inode->sb == sb && S_ISREG(f->inode->mode) && (f->flags & O_ACCMODE) != O_RDONLY) return 1;
    }
  }
  return 0;
}

/* MS_REMOUNT: new flags for the file system whose root target is. */
static int do_remount(struct inode *target, u32 flags) {
  struct mount *m = mount_rooted_at(target);
  if (m == NULL) return -EINVAL;
  if ((flags & MS_RDONLY) && !sb_rdonly(m->sb) && open_for_write(m->sb)) return -EBUSY;
  m->sb->s_flags = (m->sb->s_flags & ~MS_RDONLY) | (flags & MS_RDONLY);
  return 0;
}

/* Linux's order: the flags, the target, then privilege, then the type
 * and the source. Paths and type are kernel copies. */
int vfs_mount(const char *source, const char *target, const char *fstype, u32 flags, const char *data) {
  int err, dev = -1;
  const struct file_system_type *type;
  struct inode *dir;
  if ((flags & MS_MGC_MSK) == MS_MGC_VAL) flags &= ~MS_MGC_MSK;
  if (flags & ~MS_SUPPORTED) return -EINVAL;
  dir = namei(target, 1, &err);
  if (dir == NULL) return err;
  if (current->uid != 0) {
    iput(dir);
    return -EPERM;
  }
  if (flags & MS_REMOUNT) {
    err = do_remount(dir, flags);
    iput(dir);
    return err;
  }
  type = fstype ? get_fs_type(fstype) : NULL;
  if (type == NULL) {
    iput(dir);
    return fstype ? -ENODEV : -EINVAL;
  }
  if ((err = ilock_checked(dir)) != 0) {
    iput(dir);
    return err;
  }
  err = S_ISDIR(dir->mode) ? 0 : -ENOTDIR;
  iunlock(dir);
  if (err == 0 && (type->fs_flags & FS_REQUIRES_DEV)) {
    dev = source ? disk_of_path(source) : -EINVAL;
    if (dev < 0) err = dev;
  }
  if (err == 0) err = do_mount(type, dev, dir, source ? source : type->name, flags, data);
  if (err) iput(dir);
  return err;
}

/* How many references the mount table and the caller may hold on root
 * while sb is still idle: the table's pin and the caller's lookup. */
#define ROOT_IDLE_REFS 2

int vfs_umount(const char *target, int flags) {
  int err, i;
  struct inode *ip;
  struct mount *m;
  struct super_block *sb;
  if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW)) return -EINVAL;
  if (current->uid != 0) return -EPERM;
  ip = namei(target, !(flags & UMOUNT_NOFOLLOW), &err);
  if (ip == NULL) return err;
  m = mount_rooted_at(ip);
  if (m == NULL || (flags & (MNT_DETACH | MNT_EXPIRE))) {   /* not a mount, or a lazy/expiring umount */
    iput(ip);
    return -EINVAL;
  }
  sb = m->sb;
  err = 0;
  if (m->covered == NULL) err = -EBUSY;   /* the root stays */
  for (i = 0; i < NMOUNT && err == 0; i++) {
    if (visible(&mounts[i]) && mounts[i].covered && mounts[i].covered->sb == sb) err = -EBUSY;   /* a mount below */
  }
  /* Writing pages back may sleep, and someone may open a file meanwhile:
   * idle before and after, or busy. A file system mounted in another
   * namespace too stays: here it is only detached. */
  if (err == 0 && sb_mounts(sb) == 1 &&
      (sb_inodes_busy(sb, m->root, ROOT_IDLE_REFS) || sb_release_pages(sb) != 0 ||
       sb_inodes_busy(sb, m->root, ROOT_IDLE_REFS))) {
    err = -EBUSY;
  }
  iput(ip);
  if (err) return err;
  drop_mount(m);
  return 0;
}

/* Takes m out of its table; the superblock goes with its last mount. */
static void drop_mount(struct mount *m) {
  struct super_block *sb = m->sb;
  iput(m->root);
  if (m->covered) iput(m->covered);
  if (m->dir) kfree(m->dir);
  memset(m, 0, sizeof *m);
  if (sb_mounts(sb) > 0) return;
  sb_forget_inodes(sb);
  if (sb->bdev >= 0) bcache_forget_dev(sb->bdev);
  if (sb->s_op->put_super) sb->s_op->put_super(sb);
  memset(sb, 0, sizeof *sb);
}

/* ---- mount namespaces (ns.h) ---- */

struct mnt_namespace *mnt_ns_copy(struct mnt_namespace *old) {
  struct mnt_namespace *ns = (struct mnt_namespace *)kmalloc(sizeof *ns);
  int i, slot;
  if (ns == NULL) return NULL;
  memset(ns, 0, sizeof *ns);
  ns_register(&ns->ns, NS_MNT);
  for (i = 0; i < NMOUNT; i++) {
    struct mount *from = &mounts[i], *to;
    if (!from->used || from->ns != old) continue;
    slot = free_slot();
    if (slot < 0) goto full;
    to = &mounts[slot];
    *to = *from;
    to->ns = ns;
    slot_taken(slot);
    to->dir = NULL;
    if (from->dir) {
      to->dir = (char *)kmalloc(strlen(from->dir) + 1);
      if (to->dir == NULL) {
        memset(to, 0, sizeof *to);
        goto full;
      }
      strlcpy(to->dir, from->dir, strlen(from->dir) + 1);
    }
    idup(to->root);
    if (to->covered) idup(to->covered);
  }
  return ns;
full:
  ns_put(&ns->ns);   /* drops the copies made so far */
  return NULL;
}

/* The namespace's last reference is gone: its mounts go, and with them
 * every superblock no other namespace mounts (one still in use by an
 * inode someone holds stays, with a warning, rather than pull it away). */
void mnt_ns_release(struct mnt_namespace *ns) {
  int i, pass;
  /* Innermost first: a mount whose file system has nothing mounted below. */
  for (pass = 0; pass < NMOUNT; pass++) {
    int dropped = 0;
    for (i = NMOUNT - 1; i >= 0; i--) {
      struct mount *m = &mounts[i];
      int j, below = 0;
      if (!m->used || m->ns != ns) continue;
      for (j = 0; j < NMOUNT; j++) {
        if (j != i && mounts[j].used && mounts[j].ns == ns && mounts[j].covered && mounts[j].covered->sb == m->sb) below = 1;
      }
      if (below) continue;
      if (sb_mounts(m->sb) == 1 && sb_inodes_busy(m->sb, m->root, 1)) {
        printk(KERN_WARNING, "VFS: %s on %s still in use as its mount namespace ends; kept", m->sb->type->name,
               m->dir ? m->dir : "/");
        m->ns = NULL;   /* nobody sees it any more */
        continue;
      }
      drop_mount(m);
      dropped = 1;
    }
    if (!dropped) break;
  }
}
