/*
 * fs.h — the file system: the ext2 driver (fs/ext2_*.c) over the buffer
 * cache, and the helpers the system calls and execve use.
 *
 * Inodes come from a small in-memory cache: iget() returns a referenced,
 * unlocked inode; ilock() locks it and reads it from disk if needed;
 * iput() drops the reference and, for the last one of an unlinked inode,
 * frees its blocks and the inode itself. Directory and path helpers take
 * and return unlocked inodes unless they say otherwise.
 */
#ifndef HAKO_FS_H
#define HAKO_FS_H

#include "file.h"
#include "types.h"

#define ROOT_INO 2
#define NAME_MAX 255
#define PATH_MAX 4096   /* with the NUL, as Linux: longer path arguments are ENAMETOOLONG */
#define SYMLOOP_MAX 40

/* struct stat, S_IF* and S_IS*: the shared ABI header. */
#include "hako/stat.h"

/* ext2_super.c: the mounted volume, block and inode allocation. */
int ext2_mount(int dev);
int fs_mounted(void);
/* A block zeroed in the cache (and on disk when zero_on_disk), or 0 when
 * the disk is full. Without zero_on_disk the caller must write it. */
u32 ext2_balloc(int zero_on_disk);
void ext2_bfree(u32 block);
u32 ext2_ialloc(int is_dir);              /* an inode number, or 0 when none is free */
void ext2_ifree(u32 ino, int was_dir);
void ext2_ialloc_in_use(u32 ino, int counted_as_dir);   /* undoes the counts of a bad ialloc */
/* Damage found on the disk: "EXT2-fs error (device diskN): function: ..." (rate-limited). */
void ext2_error(const char *function, const char *fmt, ...);
/* 1 for a block no file may own (outside the volume, or the superblock,
 * descriptors, bitmaps, inode tables). */
int ext2_block_is_metadata(u32 block);
/* What bmap returns for a block pointer that is corrupt (already
 * reported): not a block of the disk, so reading it fails with EIO. */
#define BMAP_BAD 0xFFFFFFFFu
struct ext2_stats {
  u32 blocks, free_blocks, inodes, free_inodes, block_size;
  u32 r_blocks, overhead;   /* reserved for root; metadata blocks (statfs) */
};
void ext2_stats(struct ext2_stats *out);
int ext2_dev(void);

/* ext2_inode.c */
struct inode *iget(u32 ino);
struct inode *idup(struct inode *ip);
void ilock(struct inode *ip);             /* an unreadable inode is locked looking empty (mode 0) */
int ilock_checked(struct inode *ip);      /* 0, -EIO, or -ESTALE for a deleted inode */
void iunlock(struct inode *ip);
void iput(struct inode *ip);
void iunlockput(struct inode *ip);
int iupdate(struct inode *ip);            /* write the inode to disk; locked */
/* Bytes of a locked inode: to kernel memory (user = 0) or a user buffer. */
int readi(struct inode *ip, void *dst, u32 off, u32 n, int user);
int writei(struct inode *ip, const void *src, u32 off, u32 n, int user);
int itrunc(struct inode *ip, u32 size);   /* locked */
struct inode *inode_create(u32 mode, u32 uid, u32 gid, int *err);   /* new, locked, nlink 0 */

/* ext2_dir.c */
/* 0 if the directory block holding byte pos of dp reads and its records
 * are sane; else -EIO, after an EXT2-fs error line. */
int ext2_check_dir_block(struct inode *dp, u32 pos);
struct inode *dirlookup(struct inode *dp, const char *name, u32 len, u32 *offset);
int dirlink(struct inode *dp, const char *name, u32 len, struct inode *ip);
int dirunlink(struct inode *dp, const char *name, u32 len);
int dir_is_empty(struct inode *dp);
/* Path resolution (relative paths start at the cwd). follow: resolve a
 * final symlink. Errors in *err: -ENOENT, -ENOTDIR, -ELOOP, -ENAMETOOLONG,
 * -EIO (a damaged directory or inode), -ESTALE (an entry naming a deleted inode). */
struct inode *namei(const char *path, int follow, int *err);
/* The directory that would hold path's last component, and that name. */
struct inode *nameiparent(const char *path, char *name, int *err);
u32 ftype_of(u32 mode);
int read_link(struct inode *ip, char *out, u32 size);   /* a symlink's target, NUL-terminated; its length */

/* mount.c: what the name system calls ask about mounts (EXDEV, EBUSY). */
int fs_same_inode(struct inode *a, struct inode *b);
int fs_same_mount(struct inode *a, struct inode *b);
int fs_is_mount_point(struct inode *ip);
int fs_names_writable(struct inode *dp);

/* procfs (fs/procfs.c): mounted on /proc of the root volume. */
void procfs_mount(void);
struct inode *procfs_cross(struct inode *ip);   /* the proc root if ip is the mount point */
int procfs_is_mount_point(struct inode *ip);    /* the covered /proc directory or procfs's root */
int procfs_read(struct inode *ip, void *dst, u32 off, u32 n, int user);
struct inode *procfs_lookup(struct inode *dp, const char *name, u32 len);
void procfs_put(struct inode *ip);
/* The one writable /proc file is PID/oom_score_adj. */
int procfs_may_write(struct inode *ip);
int procfs_write(struct inode *ip, const void *src, u32 off, u32 n, int user);

/* sys/: a user path copied into a PATH_MAX buffer (EFAULT, ENOENT for "",
 * ENAMETOOLONG), and a user path resolved to a referenced, unlocked inode. */
int copy_path(char *dst, const char *user_path);
struct inode *user_namei(const char *user_path, int follow, int *err);

/* For execve: bytes of an unlocked inode into kernel memory. */
int inode_read(struct inode *ip, void *dst, u32 off, u32 n);
u32 inode_size(struct inode *ip);

#endif
