/*
 * fs.h — the virtual file system: what every file system fills in and
 * what the rest of the kernel calls. Layout (docs/kernel.md "VFS"):
 *
 *   fs/mount.c       file-system types, superblocks, the mount table
 *   fs/inode.c       the inode cache (iget/ilock/iput), keyed by (sb, ino)
 *   fs/namei.c       path resolution: mounts, `..`, symlinks (ELOOP)
 *   fs/permission.c  inode_permission: every access decision
 *   fs/dir_ops.c     mkdir/unlink/rmdir/link/symlink/rename/create: the
 *                    generic checks, then the file system's operation
 *   fs/read_write.c  files over inodes: read/write/llseek/readdir/stat/setattr
 *   fs/dirlist.c     directory listings of pseudo file systems (proc, cgroup2)
 *   fs/char_dev.c    major:minor → a device's file operations
 *   fs/ext2/, fs/proc/, fs/hostfs/, fs/pipe.c: the file systems.
 *
 * An inode is generic (mode, owner, size, times, the cache's bookkeeping)
 * plus i_private, the file system's own part (EXT2_I, PROC_I). It belongs
 * to one superblock; its `op` table says what it can do as a name space
 * (lookup, create, ...) and `fop` what an open file of it does. A missing
 * operation means "this file system does not do that": the VFS answers
 * with Linux's errno (EPERM for a name change, EACCES for a create by
 * open, ENOTDIR for a lookup). No code outside a file system's folder
 * asks which file system an inode belongs to.
 *
 * Cache rules (fs/inode.c): iget returns a referenced, unlocked inode;
 * ilock locks it (sleeping) and, the first time, asks the superblock to
 * read it (read_inode); iput drops the reference, and the last one of an
 * inode without links asks the superblock to free it (evict_inode).
 * Helpers take and return unlocked inodes unless they say otherwise.
 */
#ifndef HAKO_FS_H
#define HAKO_FS_H

#include "file.h"
#include "types.h"

#define NAME_MAX 255
#define PATH_MAX 4096   /* with the NUL, as Linux: longer path arguments are ENAMETOOLONG */
#define SYMLOOP_MAX 40  /* symlinks followed in one resolution (Linux's MAXSYMLINKS) */

/* struct stat, S_IF* and S_IS*: the shared ABI header. */
#include "hako/stat.h"

struct super_block;
struct inode;
struct dir_context;
struct pipe;

/* Masks of inode_permission, as Linux's MAY_*. */
#define MAY_EXEC 1
#define MAY_WRITE 2
#define MAY_READ 4

/* What setattr changes (Linux's ATTR_*). */
#define ATTR_MODE 1
#define ATTR_UID 2
#define ATTR_GID 4
#define ATTR_SIZE 8
#define ATTR_ATIME 16
#define ATTR_MTIME 32
#define ATTR_TOUCH 64       /* the times are "now": write permission suffices (utimes NULL) */
#define ATTR_KILL_PRIV 128  /* a chown: a non-directory loses its set-id bits */
struct iattr {
  u32 valid;
  u32 mode, uid, gid, size, atime, mtime;
};

/* A file system's name space operations. Directory operations get the
 * directory LOCKED and the name checked by the VFS (fs/dir_ops.c: it
 * exists or not as the call needs, not `.`/`..`, the same mount, no mount
 * point); they do the writes and keep link counts. */
struct inode_operations {
  /* name in dir: a referenced inode, or NULL and *err (-ENOENT, -EIO...). */
  struct inode *(*lookup)(struct inode *dir, const char *name, u32 len, int *err);
  /* A new regular file; returned referenced and LOCKED. */
  struct inode *(*create)(struct inode *dir, const char *name, u32 mode, int *err);
  int (*link)(struct inode *old, struct inode *dir, const char *name);
  int (*unlink)(struct inode *dir, const char *name, struct inode *ip);
  int (*symlink)(struct inode *dir, const char *name, const char *target);
  int (*mkdir)(struct inode *dir, const char *name, u32 mode);
  /* A FIFO, socket, device (rdev: Linux's dev_t encoding) or empty file. */
  int (*mknod)(struct inode *dir, const char *name, u32 mode, u32 rdev);
  int (*rmdir)(struct inode *dir, const char *name, struct inode *ip);   /* ENOTEMPTY is its own */
  /* Both directories unlocked; ip moves, target (or NULL) is replaced. */
  int (*rename)(struct inode *odir, const char *oname, struct inode *ndir, const char *nname, struct inode *ip,
                struct inode *target);
  int (*readlink)(struct inode *ip, char *out, u32 size);   /* locked; NUL-terminated; its length */
  /* A link that names an object rather than a path (procfs's fd/N, cwd,
   * exe: Linux's "magic links"): the walk continues at the inode returned
   * (referenced) instead of expanding readlink's text. NULL with *err 0:
   * expand the text after all. ip locked. */
  struct inode *(*get_link)(struct inode *ip, int *err);
  int (*permission)(struct inode *ip, int mask);            /* NULL: generic_permission */
  int (*getattr)(struct inode *ip, struct stat *st);        /* NULL: the generic fields */
  int (*setattr)(struct inode *ip, struct iattr *attr);     /* locked; NULL: EPERM for a size */
  /* Page-cache hook: file block n → disk block (0 a hole, BMAP_BAD damage). */
  u32 (*bmap)(struct inode *ip, u32 n, int alloc);
};

/* What statfs reports of a mounted file system (Linux's struct kstatfs, in
 * the fields Hako keeps). */
struct kstatfs {
  u32 type;            /* the file system's magic number (EXT2_SUPER_MAGIC 0xEF53, PROC_SUPER_MAGIC 0x9FA0) */
  u32 bsize;
  u32 blocks, bfree, bavail;
  u32 files, ffree;
  u32 namelen;
  int rdonly;          /* mounted read-only (statfs's ST_RDONLY) */
};

struct super_operations {
  int (*read_inode)(struct inode *ip, int want_live);   /* fill a new cache entry (locked) */
  int (*write_inode)(struct inode *ip);                 /* locked */
  void (*evict_inode)(struct inode *ip);                /* last iput of an inode with no links (locked) */
  int (*statfs)(struct super_block *sb, struct kstatfs *st);
  void (*put_super)(struct super_block *sb);            /* umount: free fs_info (NULL: nothing to free) */
  /* FS_NO_BACKING only: an inode is about to gain a page-cache page (0, or
   * -ENOSPC past the file system's size), or has lost one. */
  int (*page_charge)(struct inode *ip);
  void (*page_uncharge)(struct inode *ip);
};

struct file_system_type {
  const char *name;
  /* Fills sb (dev is the disk, or -1); 0 or -errno. */
  int (*fill_super)(struct super_block *sb, int dev);
  u32 fs_flags;          /* FS_REQUIRES_DEV: mount(2)'s source is a block device (else "nodev" in /proc/filesystems) */
};
#define FS_REQUIRES_DEV 1
/* Files live in memory only (tmpfs): the page cache holds their contents,
 * nothing is written back or evicted, and a linked inode keeps its slot in
 * the inode cache (it has nowhere else to be) until it is removed or its
 * file system unmounted. */
#define FS_NO_BACKING 2

struct super_block {
  const struct file_system_type *type;
  const struct super_operations *s_op;
  u32 s_dev;             /* st_dev of its files */
  int bdev;              /* the disk it lives on, or -1 */
  u32 s_flags;           /* MS_RDONLY (hako/mount.h) */
  u32 root_ino;
  u32 max_inodes;        /* bound for walks up `..` (a loop on a damaged disk) */
  void *fs_info;
  const char *options;   /* mount(2)'s data (a kernel copy, or NULL): valid during fill_super only */
};

/* What a corrupt block pointer maps to: not a block of the disk. */
#define BMAP_BAD 0xFFFFFFFFu

struct inode {
  u32 ino;
  struct super_block *sb;
  const struct inode_operations *op;
  const struct file_ops *fop;   /* an open file of it (NULL: a device, by rdev) */
  int refcount;        /* references from files, cwd, lookups in progress, the page cache */
  int valid;           /* fields below were read in */
  int locked;          /* sleep lock across I/O */
  void *lock_owner;    /* the struct proc holding `locked` (page-cache reclaim asks) */
  u32 mode, uid, gid, nlink;
  u32 size;
  u32 atime, ctime, mtime;
  u32 blocks;          /* in 512-byte units */
  u32 rdev;            /* a device's major:minor (Linux's old_encode_dev) */
  u32 nrpages;         /* pages in the page cache (mm/filemap.c); while > 0
                          the cache holds one of the references above */
  u32 i_private[18];   /* the file system's part (EXT2_I, PROC_I) */
  struct pipe *i_pipe; /* a FIFO's pipe while some file has it open (fs/pipe.c) */
};

/* The file-system types (each in its folder). */
extern const struct file_system_type ext2_fs_type;
extern const struct file_system_type proc_fs_type;
extern const struct file_system_type hostfs_fs_type;   /* the shared folder (fs/hostfs/), on /host */
extern const struct file_system_type tmpfs_fs_type;    /* memory only (fs/tmpfs/), on /dev/shm */
extern const struct file_system_type cgroup2_fs_type;  /* control groups (cgroup/cgroupfs.c), on /sys/fs/cgroup */

/* fs/mount.c: types, superblocks and the mount table. */
void vfs_mount_root(void);   /* ext2 from disk0 on /, procfs on /proc, hostfs on /host (with the share device) */
int vfs_root_mounted(void);
struct inode *vfs_root(void);                       /* the root directory, referenced */
struct inode *fs_root(void);                        /* current's root (chroot), referenced (namei.c) */
int is_fs_root(struct inode *ip);                   /* ip is current's chroot directory */
struct inode *mount_covering(struct inode *ip);     /* ip a mount point: the mounted root, referenced; else NULL */
struct inode *mount_covered(struct inode *root);    /* root a mounted root (not /): its mount point, referenced */
int fs_same_inode(struct inode *a, struct inode *b);
int fs_same_mount(struct inode *a, struct inode *b);
int fs_is_mount_point(struct inode *ip);             /* mounted on, or a mounted root (/ too) */
int is_root_of_sb(struct inode *ip);
int is_global_root(struct inode *ip);
u32 anon_dev_alloc(void);                            /* an st_dev for a file system without a disk */
int vfs_statfs(struct inode *ip, struct kstatfs *st);   /* the file system ip is on */
int sb_permission(struct inode *ip, int mask);       /* EROFS for a write on a read-only mount */
int sb_rdonly(struct super_block *sb);
const struct file_system_type *fs_type_at(int i);     /* the known types in order, NULL past the last */
/* One mount as /proc/mounts shows it: "SOURCE DIR TYPE OPTIONS 0 0". */
struct mount_info {
  const char *source;  /* "/dev/hda", "proc" */
  const char *dir;     /* the mount point's path when it was mounted */
  const char *type;    /* "ext2", "proc" */
  const char *options; /* "rw" or "ro" */
};
int mount_info_at(int i, struct mount_info *mi);     /* the caller's i-th mount: 0, or -ENOENT past the last */
struct mnt_namespace;
struct mnt_namespace *mnt_ns_copy(struct mnt_namespace *old);   /* CLONE_NEWNS: a copy of old's mounts (referenced) or NULL */
void mnt_ns_release(struct mnt_namespace *ns);                 /* its last reference: its mounts go */
/* mount(2) and umount2(2) on kernel copies of the arguments (fstype may be NULL). */
int vfs_mount(const char *source, const char *target, const char *fstype, u32 flags, const char *data);
int vfs_umount(const char *target, int flags);
/* sys/sys_cwd.c: the path of directory start (NULL: the cwd), built to end
 * at path[PATH_MAX - 1]; where it starts, or -errno. name: NAME_MAX + 1 of scratch. */
int vfs_path_of(struct inode *start, char *path, char *name);        /* as the caller sees it (its root) */
struct ns_common;
struct ns_common *nsfs_ns_of(struct inode *ip);   /* fs/proc/ns.c: an open /proc/PID/ns file's namespace, or NULL */
int vfs_global_path_of(struct inode *start, char *path, char *name); /* from the root of everything */

/* fs/inode.c: the inode cache. */
struct inode *iget(struct super_block *sb, u32 ino);
struct inode *idup(struct inode *ip);
void ilock(struct inode *ip);             /* an unreadable inode is locked looking empty (mode 0) */
int ilock_checked(struct inode *ip);      /* 0, -EIO, or -ESTALE for a deleted inode */
int ilock_fresh(struct inode *ip);        /* as ilock_checked, but a deleted inode is fine (allocation) */
void iunlock(struct inode *ip);
void iput(struct inode *ip);
void iunlockput(struct inode *ip);
int iupdate(struct inode *ip);            /* write the inode through its superblock; locked */
int inode_read(struct inode *ip, void *dst, u32 off, u32 n);   /* for execve: kernel memory */
u32 inode_size(struct inode *ip);
/* umount: 1 if an inode of sb is held by more than the page cache (its
 * root by more than root_refs); write back and drop sb's cached pages (0,
 * or -EBUSY when a page is mapped); forget sb's inodes (none held). */
int sb_inodes_busy(struct super_block *sb, struct inode *root, int root_refs);
int sb_release_pages(struct super_block *sb);
void sb_forget_inodes(struct super_block *sb);

/* fs/permission.c: every access decision (MAY_* masks; the caller's
 * effective ids; inodes locked). */
int inode_permission(struct inode *ip, int mask);
int generic_permission(struct inode *ip, int mask);
int inode_owner_or_capable(struct inode *ip);
int check_sticky(struct inode *dp, struct inode *ip);      /* removal from a sticky dp: 0 or -EPERM */
int may_open(struct inode *ip, int flags);                  /* an existing inode by open's flags */
int setattr_prepare(struct inode *ip, struct iattr *attr);  /* chmod/chown/utimes rules; may adjust attr */
int file_remove_privs(struct inode *ip);                     /* a write or truncate by non-root: set-id bits go */
void inode_init_owner(struct inode *ip, struct inode *dir);   /* a new inode's uid/gid (set-group-ID dirs) */
/* access(2): path checked with the real ids (effective: AT_EACCESS). */
int vfs_access(struct inode *base, const char *path, int mode, int follow, int effective);

/* fs/namei.c: path resolution (relative paths start at the cwd). follow:
 * resolve a final symlink. Errors in *err (0 on success): -ENOENT,
 * -ENOTDIR, -ELOOP, -ENAMETOOLONG, -EACCES, -EIO, -ESTALE. */
struct inode *namei(const char *path, int follow, int *err);
/* The directory that would hold path's last component, and that name
 * (-EEXIST when there is none: "/"). */
struct inode *nameiparent(const char *path, char *name, int *err);
/* The same from base (a referenced directory; NULL: the cwd), as the *at calls. */
struct inode *namei_at(struct inode *base, const char *path, int follow, int *err);
struct inode *nameiparent_at(struct inode *base, const char *path, char *name, int *err);
/* name in dp (unlocked), no mount crossing: a referenced inode or NULL and *err. */
struct inode *lookup_one(struct inode *dp, const char *name, u32 len, int *err);
int has_trailing_slash(const char *path);
int is_dot_or_dotdot(const char *name);

/* fs/dir_ops.c: name changes, checked in Linux's order, then done by the
 * file system. Paths are kernel strings, relative ones resolved from base
 * (NULL: the cwd). */
int vfs_mkdir(struct inode *base, const char *path, u32 mode);
int vfs_remove(struct inode *base, const char *path, int want_dir);   /* rmdir or unlink */
int vfs_link(struct inode *obase, const char *old, struct inode *nbase, const char *new, int follow);
int vfs_symlink(const char *target, struct inode *base, const char *path);
int vfs_mknod(struct inode *base, const char *path, u32 mode, u32 dev);
int vfs_rename(struct inode *obase, const char *old, struct inode *nbase, const char *new, u32 flags);
/* Creates (or finds, without O_EXCL) a regular file; returned locked,
 * *created saying which (a new file is opened without a permission check). */
struct inode *vfs_create(struct inode *base, const char *path, u32 mode, int flags, int *err, int *created);

/* fs/read_write.c: files over inodes. */
int generic_llseek(struct file *f, int offset, int whence);
int generic_dir_read(struct file *f, char *ubuf, u32 n);   /* -EISDIR */
int generic_file_mmap(struct file *f);                     /* page-cache backed */
int generic_file_fsync(struct file *f);                    /* write back MAP_SHARED stores */
/* readdir: actor gets each entry; nonzero stops (the entry is not taken). */
struct dir_context {
  int (*actor)(struct dir_context *ctx, const char *name, u32 len, u32 ino, u32 next_pos, u32 dtype);
  u32 emitted;         /* entries taken so far */
};
int vfs_readdir(struct file *f, struct dir_context *ctx);
int vfs_getattr(struct inode *ip, struct stat *st);        /* locks ip */
int vfs_setattr(struct inode *ip, struct iattr *attr);     /* locks ip */
void setattr_copy(struct inode *ip, struct iattr *attr);   /* all but the size into ip, and ctime */
int vfs_readlink(struct inode *ip, char *out, u32 size);   /* ip locked; -EINVAL for a non-symlink */
u32 dtype_of(u32 mode);                                    /* DT_* of a mode */

/* fs/dirlist.c: a pseudo file system's directory listing, built in memory:
 * add one entry (type a DT_*) to buf[0..*len) of cap bytes (0 when it does
 * not fit, and nothing is written); emit the entries from f->offset on to
 * the readdir actor (0, or the actor's error). */
int dirlist_add(char *buf, u32 *len, u32 cap, u32 ino, const char *name, u32 dtype);
int dirlist_emit(const char *buf, u32 len, struct file *f, struct dir_context *ctx);

/* fs/char_dev.c: the file operations of character device rdev, or NULL. */
const struct file_ops *chrdev_ops(u32 rdev);

/* fs/pipe.c: a FIFO inode's file operations (open joins its pipe). */
extern const struct file_ops fifo_fops;

/* sys/sys_path.c: a user path copied into a PATH_MAX buffer (EFAULT,
 * ENOENT for "", ENAMETOOLONG); "copy the user's path(s), do it, free";
 * and a user path resolved to a referenced, unlocked inode. The *at forms
 * take a directory descriptor (AT_FDCWD: the cwd) that a relative path
 * starts from: EBADF when it is not open, ENOTDIR when not a directory;
 * an absolute path never looks at it. */
int copy_path(char *dst, const char *user_path);
typedef int (*path_fn)(const char *path, const char *path2, u32 a, u32 b);
int with_user_paths(const char *user_path, const char *user_path2, path_fn fn, u32 a, u32 b);
struct inode *user_namei(const char *user_path, int follow, int *err);
/* fn(base, path, base2, path2, a, b); user_path2 may be NULL. */
typedef int (*path_at_fn)(struct inode *base, const char *path, struct inode *base2, const char *path2, u32 a,
                          u32 b);
int with_user_paths_at(int dirfd, const char *user_path, int dirfd2, const char *user_path2, path_at_fn fn, u32 a,
                       u32 b);
/* flags: AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH (an empty path is dirfd's
 * file itself, any kind); others are EINVAL. */
struct inode *user_namei_at(int dirfd, const char *user_path, int flags, int *err);


#endif
