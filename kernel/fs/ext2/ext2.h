/*
 * ext2.h — what the parts of the ext2 driver share (super.c: the volume
 * and allocation; inode.c: inodes, the block map, file contents; dir.c:
 * directory blocks; namei.c: the VFS operations). Nothing outside
 * fs/ext2/ includes it: the rest of the kernel sees ext2 only through the
 * operation tables (fs.h) and ext2_fs_type.
 *
 * Every mounted volume has its own state, struct ext2_sb_info, hanging off
 * its VFS superblock (sb->fs_info, EXT2_SB): geometry, the in-memory
 * group descriptors, free counts, allocation hints, the error rate limit.
 * Nothing in the driver is global, so any number of volumes can be
 * mounted at once; an inode reaches its volume through ip->sb.
 */
#ifndef HAKO_EXT2_H
#define HAKO_EXT2_H

#include "fs.h"
#include "types.h"

#define EXT2_ROOT_INO 2
#define EXT2_LINK_MAX 32000   /* links to one inode */

/* The ext2 part of a struct inode (its i_private). */
struct ext2_inode_info {
  u32 dtime;
  u32 flags;
  u32 block[15];       /* 12 direct, single, double, triple indirect */
  u32 generation;
};
#define EXT2_I(ip) ((struct ext2_inode_info *)(ip)->i_private)

struct ext2_group_desc {
  u32 block_bitmap, inode_bitmap, inode_table;
  u16 free_blocks_count, free_inodes_count, used_dirs_count, pad;
  u32 reserved[3];
};

/* One mounted volume (Linux's ext2_sb_info). */
struct ext2_sb_info {
  struct super_block *sb;
  int dev;                            /* the disk (buffer-cache device) */
  u32 blocks_count, inodes_count, free_blocks, free_inodes;
  u32 r_blocks;                       /* reserved for root (statfs's bfree - bavail) */
  u32 blocks_per_group, inodes_per_group, first_data_block, first_ino, inode_size;
  u32 ngroups;
  u32 gdt_block;                      /* first block of the descriptor table */
  u32 gdt_blocks;                     /* its length, plus reserved growth blocks */
  u32 itable_blocks;                  /* inode table blocks per group */
  int sparse_super;
  struct ext2_group_desc *groups;     /* kmalloc'd copy */
  u32 block_hint;                     /* group of the last block allocation */
  u32 bit_hint;                       /* and the bit after it in that group */
  u32 err_window_start, err_printed, err_missed;   /* ext2_error's rate limit */
};
#define EXT2_SB(sb) ((struct ext2_sb_info *)(sb)->fs_info)

/* super.c: the mounted volume, block and inode allocation. */
/* A block zeroed in the cache (and on disk when zero_on_disk), or 0 when
 * the disk is full. Without zero_on_disk the caller must write it. */
u32 ext2_balloc(struct super_block *sb, int zero_on_disk);
void ext2_bfree(struct super_block *sb, u32 block);
u32 ext2_ialloc(struct super_block *sb, int is_dir);   /* an inode number, or 0 when none is free */
void ext2_ifree(struct super_block *sb, u32 ino, int was_dir);
/* Undoes the counts of a bad ialloc. */
void ext2_ialloc_in_use(struct super_block *sb, u32 ino, int counted_as_dir);
/* Damage found on the disk: "EXT2-fs error (device diskN): function: ..." (rate-limited). */
void ext2_error(struct super_block *sb, const char *function, const char *fmt, ...);
/* 1 for a block no file may own (outside the volume, or the superblock,
 * descriptors, bitmaps, inode tables). */
int ext2_block_is_metadata(struct super_block *sb, u32 block);
u32 ext2_inode_block(struct super_block *sb, u32 ino, u32 *offset);

/* inode.c */
int ext2_read_inode(struct inode *ip, int want_live);
int ext2_write_inode(struct inode *ip);
void ext2_evict_inode(struct inode *ip);
void ext2_set_ops(struct inode *ip);      /* op/fop by the inode's type */
u32 ext2_bmap(struct inode *ip, u32 n, int alloc);
/* Bytes of a locked inode: to kernel memory (user = 0) or a user buffer. */
int readi(struct inode *ip, void *dst, u32 off, u32 n, int user);
int writei(struct inode *ip, const void *src, u32 off, u32 n, int user);
int itrunc(struct inode *ip, u32 size);   /* locked */
struct inode *inode_create(struct super_block *sb, u32 mode, int *err);   /* new, locked, nlink 0, owned by the caller (then inode_init_owner) */
extern const struct file_ops ext2_file_ops;

/* dir.c */
struct inode *ext2_lookup(struct inode *dp, const char *name, u32 len, int *err);
int dirlink(struct inode *dp, const char *name, u32 len, struct inode *ip);
int dirunlink(struct inode *dp, const char *name, u32 len);
int dir_is_empty(struct inode *dp);
int ext2_readlink(struct inode *ip, char *out, u32 size);
int ext2_readdir(struct file *f, struct dir_context *ctx);

/* namei.c: the operation tables. */
extern const struct inode_operations ext2_dir_inode_ops;
extern const struct inode_operations ext2_file_inode_ops;
extern const struct inode_operations ext2_symlink_inode_ops;
extern const struct inode_operations ext2_special_inode_ops;
extern const struct file_ops ext2_dir_ops;

#endif
