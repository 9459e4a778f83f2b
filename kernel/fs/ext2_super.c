/*
 * ext2_super.c — the mounted ext2 volume: superblock, group descriptors,
 * and allocation of blocks and inodes from the bitmaps.
 *
 * Supported: revision 0 and 1, 4 KiB blocks (what our mkfs makes; other
 * sizes are refused at mount), features FILETYPE and SPARSE_SUPER (the
 * latter only matters to mkfs/e2fsck). Every allocation updates the bitmap,
 * the group descriptor and the superblock counts and writes them through,
 * so `e2fsck -fn` finds the volume clean whenever the machine stops between
 * system calls. The group descriptors are kept in memory (and written back
 * from there); the superblock is re-read, patched and written.
 */
#include "buf.h"
#include "dev.h"
#include "fs.h"
#include "lib.h"
#include "mm.h"
#include "printk.h"
#include "hako/errno.h"

#define EXT2_MAGIC 0xEF53
#define SUPERBLOCK_OFFSET 1024
#define FEATURE_INCOMPAT_FILETYPE 0x2
#define GROUP_DESC_SIZE 32

struct ext2_superblock {
  u32 inodes_count, blocks_count, r_blocks_count, free_blocks_count, free_inodes_count;
  u32 first_data_block, log_block_size, log_frag_size, blocks_per_group, frags_per_group;
  u32 inodes_per_group, mtime, wtime;
  u16 mnt_count, max_mnt_count, magic, state, errors, minor_rev_level;
  u32 lastcheck, checkinterval, creator_os, rev_level;
  u16 def_resuid, def_resgid;
  u32 first_ino;
  u16 inode_size, block_group_nr;
  u32 feature_compat, feature_incompat, feature_ro_compat;
};

struct ext2_group_desc {
  u32 block_bitmap, inode_bitmap, inode_table;
  u16 free_blocks_count, free_inodes_count, used_dirs_count, pad;
  u32 reserved[3];
};

struct volume {
  int dev;
  int mounted;
  u32 blocks_count, inodes_count, free_blocks, free_inodes;
  u32 blocks_per_group, inodes_per_group, first_data_block, first_ino, inode_size;
  u32 ngroups;
  u32 gdt_block;                      /* first block of the descriptor table */
  struct ext2_group_desc *groups;     /* kmalloc'd copy */
  u32 block_hint;                     /* group of the last block allocation */
  u32 bit_hint;                       /* and the bit after it in that group */
};

static struct volume vol;

int fs_mounted(void) {
  return vol.mounted;
}

int ext2_dev(void) {
  return vol.dev;
}

/* Inode geometry, used by ext2_inode.c. */
u32 ext2_inode_block(u32 ino, u32 *offset) {
  u32 group = (ino - 1) / vol.inodes_per_group;
  u32 index = (ino - 1) % vol.inodes_per_group;
  u32 byte = index * vol.inode_size;
  *offset = byte % BLOCK_SIZE;
  return vol.groups[group].inode_table + byte / BLOCK_SIZE;
}

u32 ext2_inodes_count(void) {
  return vol.inodes_count;
}

u32 ext2_blocks_count(void) {
  return vol.blocks_count;
}

int ext2_mount(int dev) {
  struct buf *b = bread(dev, 0);
  struct ext2_superblock *sb;
  u32 i, gdt_bytes;
  if (b == NULL) return -EIO;
  sb = (struct ext2_superblock *)(b->data + SUPERBLOCK_OFFSET);
  if (sb->magic != EXT2_MAGIC) {
    brelse(b);
    printk(KERN_ERR, "EXT2-fs: no ext2 file system on disk%d (magic %x)", dev, sb->magic);
    return -EINVAL;
  }
  if (sb->log_block_size != 2 || (sb->rev_level >= 1 && (sb->feature_incompat & ~FEATURE_INCOMPAT_FILETYPE))) {
    brelse(b);
    printk(KERN_ERR, "EXT2-fs: unsupported block size or features on disk%d", dev);
    return -EINVAL;
  }
  vol.dev = dev;
  vol.blocks_count = sb->blocks_count;
  vol.inodes_count = sb->inodes_count;
  vol.free_blocks = sb->free_blocks_count;
  vol.free_inodes = sb->free_inodes_count;
  vol.blocks_per_group = sb->blocks_per_group;
  vol.inodes_per_group = sb->inodes_per_group;
  vol.first_data_block = sb->first_data_block;
  vol.first_ino = sb->rev_level >= 1 ? sb->first_ino : 11;
  vol.inode_size = sb->rev_level >= 1 ? sb->inode_size : 128;
  brelse(b);
  if (vol.blocks_per_group == 0 || vol.inodes_per_group == 0 || vol.inode_size < 128 ||
      vol.inode_size > BLOCK_SIZE || vol.blocks_count > disk_blocks(dev)) {
    printk(KERN_ERR, "EXT2-fs: corrupt superblock on disk%d", dev);
    return -EINVAL;
  }
  vol.ngroups = (vol.blocks_count - vol.first_data_block + vol.blocks_per_group - 1) / vol.blocks_per_group;
  vol.gdt_block = vol.first_data_block + 1;
  gdt_bytes = vol.ngroups * GROUP_DESC_SIZE;
  vol.groups = (struct ext2_group_desc *)kmalloc(gdt_bytes);
  if (vol.groups == NULL) return -ENOMEM;
  for (i = 0; i * BLOCK_SIZE < gdt_bytes; i++) {
    u32 chunk = MIN(BLOCK_SIZE, gdt_bytes - i * BLOCK_SIZE);
    b = bread(dev, vol.gdt_block + i);
    if (b == NULL) return -EIO;
    memcpy((char *)vol.groups + i * BLOCK_SIZE, b->data, chunk);
    brelse(b);
  }
  vol.mounted = 1;
  /* Pin the root inode: it is never evicted, so iget(ROOT_INO) always finds it. */
  if (iget(ROOT_INO) == NULL) return -ENOMEM;
  printk(KERN_INFO, "EXT2-fs (disk%d): mounted: %u blocks (%u free), %u inodes (%u free), %u groups", dev,
         vol.blocks_count, vol.free_blocks, vol.inodes_count, vol.free_inodes, vol.ngroups);
  return 0;
}

/* Writes the descriptor of group g and the superblock's free counts. */
static void write_metadata(u32 g) {
  u32 per_block = BLOCK_SIZE / GROUP_DESC_SIZE;
  struct buf *b = bread(vol.dev, vol.gdt_block + g / per_block);
  if (b) {
    memcpy(b->data + (g % per_block) * GROUP_DESC_SIZE, &vol.groups[g], GROUP_DESC_SIZE);
    bwrite(b);
    brelse(b);
  }
  b = bread(vol.dev, 0);
  if (b) {
    struct ext2_superblock *sb = (struct ext2_superblock *)(b->data + SUPERBLOCK_OFFSET);
    sb->free_blocks_count = vol.free_blocks;
    sb->free_inodes_count = vol.free_inodes;
    sb->wtime = time_now();
    bwrite(b);
    brelse(b);
  }
}

/* Finds and sets a clear bit in [start, count) of a bitmap block;
 * returns its index or -1. */
static int take_bit(char *bitmap, u32 start, u32 count) {
  u32 i;
  for (i = start; i < count; i++) {
    u8 byte = (u8)bitmap[i / 8];
    if (byte == 0xFF) {
      i += 7 - (i % 8);
      continue;
    }
    if (!(byte & (1u << (i % 8)))) {
      bitmap[i / 8] = (char)(byte | (1u << (i % 8)));
      return (int)i;
    }
  }
  return -1;
}

u32 ext2_balloc(int zero_on_disk) {
  u32 i;
  for (i = 0; i < vol.ngroups; i++) {
    u32 g = (vol.block_hint + i) % vol.ngroups;
    struct buf *b;
    u32 first = vol.first_data_block + g * vol.blocks_per_group;
    u32 count = MIN(vol.blocks_per_group, vol.blocks_count - first);
    int bit;
    u32 block;
    if (vol.groups[g].free_blocks_count == 0) continue;
    b = bread(vol.dev, vol.groups[g].block_bitmap);
    if (b == NULL) return 0;
    /* Search from just after the last allocation (files grow contiguously
     * and the scan stays short), then from the start of the group. */
    bit = g == vol.block_hint && vol.bit_hint < count ? take_bit(b->data, vol.bit_hint, count) : -1;
    if (bit < 0) bit = take_bit(b->data, 0, count);
    if (bit < 0) {
      brelse(b);
      continue;
    }
    if (bwrite(b) != 0) {
      brelse(b);
      return 0;
    }
    brelse(b);
    vol.groups[g].free_blocks_count--;
    vol.free_blocks--;
    write_metadata(g);
    block = first + (u32)bit;
    /* Always zeroed in the cache. Pointer blocks are zeroed on disk too;
     * data blocks are not, because their caller writes them right away
     * (and must, even when its copy fails): one disk write less. */
    b = bget_zero(vol.dev, block);
    if (zero_on_disk) bwrite(b);
    brelse(b);
    vol.block_hint = g;
    vol.bit_hint = (u32)bit + 1;
    return block;
  }
  return 0;
}

void ext2_bfree(u32 block) {
  u32 g, bit;
  struct buf *b;
  if (block < vol.first_data_block || block >= vol.blocks_count) {
    printk(KERN_ERR, "EXT2-fs: freeing block %u outside the volume", block);
    return;
  }
  g = (block - vol.first_data_block) / vol.blocks_per_group;
  bit = (block - vol.first_data_block) % vol.blocks_per_group;
  b = bread(vol.dev, vol.groups[g].block_bitmap);
  if (b == NULL) return;
  if (!(b->data[bit / 8] & (1 << (bit % 8)))) {
    printk(KERN_ERR, "EXT2-fs: freeing free block %u", block);
    brelse(b);
    return;
  }
  b->data[bit / 8] = (char)(b->data[bit / 8] & ~(1 << (bit % 8)));
  bwrite(b);
  brelse(b);
  vol.groups[g].free_blocks_count++;
  vol.free_blocks++;
  write_metadata(g);
}

u32 ext2_ialloc(int is_dir) {
  u32 g;
  for (g = 0; g < vol.ngroups; g++) {
    struct buf *b;
    int bit;
    u32 ino;
    if (vol.groups[g].free_inodes_count == 0) continue;
    b = bread(vol.dev, vol.groups[g].inode_bitmap);
    if (b == NULL) return 0;
    /* Inodes below first_ino are reserved, even when their bit is clear. */
    bit = take_bit(b->data, g == 0 ? vol.first_ino - 1 : 0, vol.inodes_per_group);
    if (bit < 0) {
      brelse(b);
      continue;
    }
    ino = g * vol.inodes_per_group + (u32)bit + 1;
    bwrite(b);
    brelse(b);
    vol.groups[g].free_inodes_count--;
    if (is_dir) vol.groups[g].used_dirs_count++;
    vol.free_inodes--;
    write_metadata(g);
    return ino;
  }
  return 0;
}

void ext2_ifree(u32 ino, int was_dir) {
  u32 g = (ino - 1) / vol.inodes_per_group;
  u32 bit = (ino - 1) % vol.inodes_per_group;
  struct buf *b = bread(vol.dev, vol.groups[g].inode_bitmap);
  if (b == NULL) return;
  b->data[bit / 8] = (char)(b->data[bit / 8] & ~(1 << (bit % 8)));
  bwrite(b);
  brelse(b);
  vol.groups[g].free_inodes_count++;
  if (was_dir && vol.groups[g].used_dirs_count > 0) vol.groups[g].used_dirs_count--;
  vol.free_inodes++;
  write_metadata(g);
}

void ext2_stats(struct ext2_stats *out) {
  out->blocks = vol.blocks_count;
  out->free_blocks = vol.free_blocks;
  out->inodes = vol.inodes_count;
  out->free_inodes = vol.free_inodes;
  out->block_size = BLOCK_SIZE;
}
