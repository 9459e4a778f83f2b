/*
 * tmpfs.h — what the parts of tmpfs share (super.c: mounting, options,
 * inodes, the page charge; dir.c: names; file.c: contents). Outside
 * fs/tmpfs/ only tmpfs_fs_type (fs.h) and, for System V shared memory
 * (ipc/shm.c), tmpfs_new_inode and tmpfs_set_limit are used.
 *
 * A tmpfs file lives only in memory: its inode is a slot of the inode
 * cache that iget never reuses while the file has links (fs/inode.c's
 * `pinned`, FS_NO_BACKING), its data pages are page-cache pages of that
 * inode (mm/filemap.c, never written back or evicted), a directory is a
 * list of entries (kmalloc'd, in creation order) and a symlink's target a
 * kmalloc'd string. Invariants: every entry names a live inode of the
 * same superblock; an inode's nlink counts its entries (plus `.` and each
 * subdirectory's `..` for a directory); `pages` of the superblock is the
 * number of page-cache pages its inodes hold, never above `max_pages`.
 */
#ifndef HAKO_TMPFS_H
#define HAKO_TMPFS_H

#include "fs.h"
#include "types.h"

#define TMPFS_MAGIC 0x01021994   /* Linux's TMPFS_MAGIC (statfs f_type) */
#define TMPFS_ROOT_INO 1

struct tmpfs_dirent {
  struct tmpfs_dirent *next;
  u32 ino;
  u32 pos;          /* readdir position: stable while entries come and go */
  u32 len;
  char name[4];     /* len bytes, NUL-terminated (allocated to fit) */
};

/* The file system's part of an inode (i_private). */
struct tmpfs_inode {
  u32 parent;                     /* a directory's `..` */
  struct tmpfs_dirent *entries;   /* a directory's names, in creation order */
  u32 next_pos;                   /* the next entry's readdir position (from 2) */
  char *link;                     /* a symlink's target */
};
#define TMPFS_I(ip) ((struct tmpfs_inode *)(ip)->i_private)

/* One mounted tmpfs (super_block.fs_info). */
struct tmpfs_sb {
  u32 max_pages;    /* size=: ENOSPC past it */
  u32 pages;        /* page-cache pages its files hold */
  u32 max_inodes;   /* nr_inodes= */
  u32 inodes;       /* live inodes, the root included */
  u32 next_ino;
};
#define TMPFS_SB(sb) ((struct tmpfs_sb *)(sb)->fs_info)

/* super.c */
/* A new inode of sb (mode includes the type), owned by the caller, with
 * no links yet: referenced and LOCKED. NULL with *err (-ENOSPC). */
struct inode *tmpfs_new_inode(struct super_block *sb, u32 mode, u32 rdev, int *err);
void tmpfs_set_ops(struct inode *ip);
/* The size limit in pages (ipc/shm.c lifts it for its own superblock). */
void tmpfs_set_limit(struct super_block *sb, u32 max_pages);

/* dir.c, file.c */
extern const struct inode_operations tmpfs_dir_inode_ops;
extern const struct inode_operations tmpfs_file_inode_ops;
extern const struct inode_operations tmpfs_symlink_inode_ops;
extern const struct inode_operations tmpfs_special_inode_ops;
extern const struct file_ops tmpfs_file_ops;
extern const struct file_ops tmpfs_dir_ops;
int tmpfs_setattr(struct inode *ip, struct iattr *a);

#endif
