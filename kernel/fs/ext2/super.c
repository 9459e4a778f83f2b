/*
 * super.c — the mounted ext2 volume: superblock, group descriptors,
 * allocation of blocks and inodes from the bitmaps, and ext2_fs_type
 * (what the VFS mounts: fill_super and the superblock operations).
 *
 * Supported: revision 0 and 1, 4 KiB blocks (what our mkfs makes; other
 * sizes are refused at mount), features FILETYPE and SPARSE_SUPER (the
 * latter only matters to mkfs/e2fsck). Every allocation updates the bitmap,
 * the group descriptor and the superblock counts and writes them through,
 * so `e2fsck -fn` finds the volume clean whenever the machine stops between
 * system calls. The group descriptors are kept in memory (and written back
 * from there); the superblock is re-read, patched and written.
 *
 * The disk is not trusted. The mount checks the superblock's geometry and
 * every group descriptor (ext2_check_descriptors, as Linux does: bitmaps
 * and inode table inside their group, clear of the superblock and
 * descriptor copies and of each other, counts within the group) and refuses
 * a volume that fails, naming the problem in an `EXT2-fs error` line. After
 * that, a block bitmap that calls any of its group's metadata blocks free
 * (or an inode bitmap that frees a reserved inode) is corrupt: its group is
 * skipped for allocation, as Linux's read_block_bitmap does. So a block
 * handed out is never metadata (ext2_block_is_metadata also guards every
 * block pointer read from an inode), and an inode handed out is never
 * below first_ino. Errors are rate-limited so damage cannot flood the
 * console.
 */
#include "buf.h"
#include "stdarg.h"
#include "dev.h"
#include "fs.h"
#include "fs/ext2/ext2.h"
#include "lib.h"
#include "mm.h"
#include "printk.h"
#include "hako/errno.h"

#define EXT2_MAGIC 0xEF53
#define SUPERBLOCK_OFFSET 1024
#define FEATURE_INCOMPAT_FILETYPE 0x2
#define GROUP_DESC_SIZE 32
#define FEATURE_COMPAT_RESIZE_INODE 0x10
#define FEATURE_RO_COMPAT_SPARSE_SUPER 0x1
#define SB_RESERVED_GDT_BLOCKS 0xCE        /* u16 within the superblock */
#define BITS_PER_BITMAP (BLOCK_SIZE * 8)   /* one bitmap block per group */

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

/* Like Linux's ext2_error: one console line naming the device, the
 * function and the problem. At most 10 lines per 5 s of uptime per volume
 * (as printk_ratelimit), so a badly damaged disk cannot flood the console. */
void ext2_error(struct super_block *sb, const char *function, const char *fmt, ...) {
  struct ext2_sb_info *sbi = EXT2_SB(sb);
  char msg[160];
  va_list ap;
  if (jiffies - sbi->err_window_start >= 5 * HZ || sbi->err_printed == 0) {
    if (sbi->err_missed) printk(KERN_ERR, "EXT2-fs: %u error messages suppressed", sbi->err_missed);
    sbi->err_window_start = jiffies;
    sbi->err_printed = 0;
    sbi->err_missed = 0;
  }
  if (sbi->err_printed >= 10) {
    sbi->err_missed++;
    return;
  }
  sbi->err_printed++;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  printk(KERN_ERR, "EXT2-fs error (device disk%d): %s: %s", sbi->dev, function, msg);
}

static int is_power_of(u32 n, u32 base) {
  while (n > 1 && n % base == 0) n /= base;
  return n == 1;
}

/* Group g holds a superblock copy (and descriptor table copy). */
static int group_has_super(struct ext2_sb_info *sbi, u32 g) {
  if (!sbi->sparse_super || g <= 1) return 1;
  return is_power_of(g, 3) || is_power_of(g, 5) || is_power_of(g, 7);
}

static u32 group_first_block(struct ext2_sb_info *sbi, u32 g) {
  return sbi->first_data_block + g * sbi->blocks_per_group;
}

/* The first block of group g after its superblock and descriptor copies. */
static u32 group_after_super(struct ext2_sb_info *sbi, u32 g) {
  return group_first_block(sbi, g) + (group_has_super(sbi, g) ? 1 + sbi->gdt_blocks : 0);
}

static u32 group_last_block(struct ext2_sb_info *sbi, u32 g) {
  u32 last = group_first_block(sbi, g) + sbi->blocks_per_group - 1;
  return MIN(last, sbi->blocks_count - 1);
}

/* A block no file may own: outside the volume, a superblock or
 * descriptor copy, a bitmap or an inode table block. */
int ext2_block_is_metadata(struct super_block *sb, u32 block) {
  struct ext2_sb_info *sbi = EXT2_SB(sb);
  u32 g;
  struct ext2_group_desc *d;
  if (block < sbi->first_data_block || block >= sbi->blocks_count) return 1;
  g = (block - sbi->first_data_block) / sbi->blocks_per_group;
  d = &sbi->groups[g];
  if (block < group_after_super(sbi, g)) return 1;
  if (block == d->block_bitmap || block == d->inode_bitmap) return 1;
  return block >= d->inode_table && block < d->inode_table + sbi->itable_blocks;
}

/* Linux's ext2_check_descriptors, plus the overlaps and counts it leaves
 * to e2fsck. 0, or -EINVAL after naming the first problem. */
static int check_descriptors(struct ext2_sb_info *sbi) {
  u32 g;
  for (g = 0; g < sbi->ngroups; g++) {
    struct ext2_group_desc *d = &sbi->groups[g];
    u32 low = group_after_super(sbi, g), high = group_last_block(sbi, g);
    const char *what = NULL;
    u32 at = 0;
    if (d->block_bitmap < low || d->block_bitmap > high) {
      what = "block bitmap not in group";
      at = d->block_bitmap;
    } else if (d->inode_bitmap < low || d->inode_bitmap > high) {
      what = "inode bitmap not in group";
      at = d->inode_bitmap;
    } else if (d->inode_table < low || d->inode_table > high || sbi->itable_blocks > high - d->inode_table + 1) {
      what = "inode table not in group";
      at = d->inode_table;
    } else if (d->block_bitmap == d->inode_bitmap ||
               (d->block_bitmap >= d->inode_table && d->block_bitmap < d->inode_table + sbi->itable_blocks)) {
      what = "block bitmap overlaps other metadata";
      at = d->block_bitmap;
    } else if (d->inode_bitmap >= d->inode_table && d->inode_bitmap < d->inode_table + sbi->itable_blocks) {
      what = "inode bitmap overlaps the inode table";
      at = d->inode_bitmap;
    } else if (d->free_blocks_count > high - group_first_block(sbi, g) + 1) {
      what = "free blocks count larger than the group";
      at = d->free_blocks_count;
    } else if (d->free_inodes_count > sbi->inodes_per_group || d->used_dirs_count > sbi->inodes_per_group) {
      what = "free inodes or directories count larger than the group";
      at = d->free_inodes_count;
    }
    if (what) {
      ext2_error(sbi->sb, "ext2_check_descriptors", "%s: group %u, %u", what, g, at);
      return -EINVAL;
    }
  }
  return 0;
}

/* A block bitmap is valid when it marks its group's metadata in use (as
 * Linux's ext2_valid_block_bitmap checks); an inode bitmap when it marks
 * the reserved inodes in use. Otherwise the group is not allocated from. */
static int bit_is_set(const char *bitmap, u32 bit) {
  return (bitmap[bit / 8] >> (bit % 8)) & 1;
}

static int block_bitmap_ok(struct ext2_sb_info *sbi, u32 g, const char *bitmap) {
  u32 first = group_first_block(sbi, g), b;
  struct ext2_group_desc *d = &sbi->groups[g];
  for (b = first; b < group_after_super(sbi, g); b++) {
    if (!bit_is_set(bitmap, b - first)) return 0;
  }
  if (!bit_is_set(bitmap, d->block_bitmap - first) || !bit_is_set(bitmap, d->inode_bitmap - first)) return 0;
  for (b = d->inode_table; b < d->inode_table + sbi->itable_blocks; b++) {
    if (!bit_is_set(bitmap, b - first)) return 0;
  }
  return 1;
}

static int inode_bitmap_ok(struct ext2_sb_info *sbi, u32 g, const char *bitmap) {
  u32 i;
  if (g != 0) return 1;
  for (i = 0; i + 1 < sbi->first_ino; i++) {
    if (!bit_is_set(bitmap, i)) return 0;
  }
  return 1;
}

/* The geometry every later computation relies on (one bitmap block per
 * group, an inode size that divides the block, a volume on the disk, as
 * many inodes as the groups hold): the first thing wrong, or NULL. Sets
 * sbi->ngroups. */
static const char *geometry_problem(struct ext2_sb_info *sbi, u32 disk_size) {
  if (sbi->first_data_block != 0) return "first data block is not 0 with 4 KiB blocks";
  if (sbi->blocks_count == 0 || sbi->blocks_count > disk_size) return "blocks count is 0 or beyond the disk";
  if (sbi->blocks_per_group == 0 || sbi->blocks_per_group > BITS_PER_BITMAP) return "bad blocks per group";
  if (sbi->inodes_per_group == 0 || sbi->inodes_per_group > BITS_PER_BITMAP) return "bad inodes per group";
  if (sbi->inode_size < 128 || sbi->inode_size > BLOCK_SIZE || (sbi->inode_size & (sbi->inode_size - 1)) != 0) {
    return "unsupported inode size";
  }
  sbi->ngroups = (sbi->blocks_count + sbi->blocks_per_group - 1) / sbi->blocks_per_group;
  if (sbi->ngroups > 0xFFFFFFFFu / sbi->inodes_per_group || sbi->inodes_count != sbi->ngroups * sbi->inodes_per_group) {
    return "inodes count does not match the groups";
  }
  if (sbi->first_ino < 11 || sbi->first_ino > sbi->inodes_count) return "bad first inode";
  return NULL;
}

/* Inode geometry, used by inode.c. */
u32 ext2_inode_block(struct super_block *sb, u32 ino, u32 *offset) {
  struct ext2_sb_info *sbi = EXT2_SB(sb);
  u32 group = (ino - 1) / sbi->inodes_per_group;
  u32 index = (ino - 1) % sbi->inodes_per_group;
  u32 byte = index * sbi->inode_size;
  *offset = byte % BLOCK_SIZE;
  return sbi->groups[group].inode_table + byte / BLOCK_SIZE;
}

static int ext2_mount(struct ext2_sb_info *sbi, int dev) {
  struct buf *b = bread(dev, 0);
  struct ext2_superblock *sb;
  u32 i, gdt_bytes, reserved_gdt;
  const char *why;
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
  sbi->dev = dev;
  sbi->blocks_count = sb->blocks_count;
  sbi->inodes_count = sb->inodes_count;
  sbi->r_blocks = sb->r_blocks_count;
  sbi->blocks_per_group = sb->blocks_per_group;
  sbi->inodes_per_group = sb->inodes_per_group;
  sbi->first_data_block = sb->first_data_block;
  sbi->first_ino = sb->rev_level >= 1 ? sb->first_ino : 11;
  sbi->inode_size = sb->rev_level >= 1 ? sb->inode_size : 128;
  sbi->sparse_super = sb->rev_level >= 1 && (sb->feature_ro_compat & FEATURE_RO_COMPAT_SPARSE_SUPER);
  reserved_gdt = sb->rev_level >= 1 && (sb->feature_compat & FEATURE_COMPAT_RESIZE_INODE)
                     ? *(u16 *)((char *)sb + SB_RESERVED_GDT_BLOCKS) : 0;
  brelse(b);
  why = geometry_problem(sbi, disk_blocks(dev));
  if (why) {
    printk(KERN_ERR, "EXT2-fs error (device disk%d): ext2_fill_super: %s", dev, why);
    return -EINVAL;
  }
  sbi->gdt_block = sbi->first_data_block + 1;
  gdt_bytes = sbi->ngroups * GROUP_DESC_SIZE;
  sbi->gdt_blocks = (gdt_bytes + BLOCK_SIZE - 1) / BLOCK_SIZE + reserved_gdt;
  sbi->itable_blocks = (sbi->inodes_per_group * sbi->inode_size + BLOCK_SIZE - 1) / BLOCK_SIZE;
  if (1 + sbi->gdt_blocks >= sbi->blocks_per_group) {
    printk(KERN_ERR, "EXT2-fs error (device disk%d): ext2_fill_super: descriptor table larger than a group", dev);
    return -EINVAL;
  }
  sbi->groups = (struct ext2_group_desc *)kmalloc(gdt_bytes);
  if (sbi->groups == NULL) return -ENOMEM;
  for (i = 0; i * BLOCK_SIZE < gdt_bytes; i++) {
    u32 chunk = MIN(BLOCK_SIZE, gdt_bytes - i * BLOCK_SIZE);
    b = bread(dev, sbi->gdt_block + i);
    if (b == NULL) {
      kfree(sbi->groups);
      return -EIO;
    }
    memcpy((char *)sbi->groups + i * BLOCK_SIZE, b->data, chunk);
    brelse(b);
  }
  if (check_descriptors(sbi) != 0) {
    kfree(sbi->groups);
    sbi->groups = NULL;
    return -EINVAL;
  }
  /* The totals are the descriptors' sums, as Linux counts them at mount:
   * the superblock's own copy may be stale or damaged. */
  sbi->free_blocks = 0;
  sbi->free_inodes = 0;
  for (i = 0; i < sbi->ngroups; i++) {
    sbi->free_blocks += sbi->groups[i].free_blocks_count;
    sbi->free_inodes += sbi->groups[i].free_inodes_count;
  }
  printk(KERN_INFO, "EXT2-fs (disk%d): mounted: %u blocks (%u free), %u inodes (%u free), %u groups", dev,
         sbi->blocks_count, sbi->free_blocks, sbi->inodes_count, sbi->free_inodes, sbi->ngroups);
  return 0;
}

/* Writes the descriptor of group g and the superblock's free counts. */
static void write_metadata(struct ext2_sb_info *sbi, u32 g) {
  u32 per_block = BLOCK_SIZE / GROUP_DESC_SIZE;
  struct buf *b = bread(sbi->dev, sbi->gdt_block + g / per_block);
  if (b) {
    memcpy(b->data + (g % per_block) * GROUP_DESC_SIZE, &sbi->groups[g], GROUP_DESC_SIZE);
    bwrite(b);
    brelse(b);
  }
  b = bread(sbi->dev, 0);
  if (b) {
    struct ext2_superblock *sb = (struct ext2_superblock *)(b->data + SUPERBLOCK_OFFSET);
    sb->free_blocks_count = sbi->free_blocks;
    sb->free_inodes_count = sbi->free_inodes;
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

/* Takes a free bit of group g's block bitmap (b), searching from `from`;
 * a bit whose block is metadata (a corrupt bitmap the validity check
 * missed) stays set — it is in use — and the search goes on, as Linux's
 * "Allocating block in system zone" path does. Returns the block or 0. */
static u32 take_data_block(struct ext2_sb_info *sbi, u32 g, struct buf *b, u32 from, u32 count) {
  int bit;
  while (from < count && (bit = take_bit(b->data, from, count)) >= 0) {
    u32 block = group_first_block(sbi, g) + (u32)bit;
    if (!ext2_block_is_metadata(sbi->sb, block)) return block;
    ext2_error(sbi->sb, "ext2_new_block", "allocating block in system zone: block %u, group %u", block, g);
    from = (u32)bit + 1;
  }
  return 0;
}

u32 ext2_balloc(struct super_block *sb, int zero_on_disk) {
  struct ext2_sb_info *sbi = EXT2_SB(sb);
  u32 i;
  for (i = 0; i < sbi->ngroups; i++) {
    u32 g = (sbi->block_hint + i) % sbi->ngroups;
    struct buf *b;
    u32 first = group_first_block(sbi, g);
    u32 count = MIN(sbi->blocks_per_group, sbi->blocks_count - first);
    u32 block = 0;
    if (sbi->groups[g].free_blocks_count == 0) continue;
    b = bread(sbi->dev, sbi->groups[g].block_bitmap);
    if (b == NULL) return 0;
    if (!block_bitmap_ok(sbi, g, b->data)) {
      ext2_error(sbi->sb, "read_block_bitmap", "invalid block bitmap - group %u, block %u", g, sbi->groups[g].block_bitmap);
      brelse(b);
      continue;
    }
    /* Search from just after the last allocation (files grow contiguously
     * and the scan stays short), then from the start of the group. */
    if (g == sbi->block_hint && sbi->bit_hint < count) block = take_data_block(sbi, g, b, sbi->bit_hint, count);
    if (block == 0) block = take_data_block(sbi, g, b, 0, count);
    if (block == 0) {
      /* Bits of metadata blocks may have been set: keep the cache equal to the disk. */
      bwrite(b);
      brelse(b);
      continue;
    }
    if (bwrite(b) != 0) {
      brelse(b);
      return 0;
    }
    brelse(b);
    sbi->groups[g].free_blocks_count--;
    if (sbi->free_blocks > 0) sbi->free_blocks--;
    write_metadata(sbi, g);
    /* Always zeroed in the cache. Pointer blocks are zeroed on disk too;
     * data blocks are not, because their caller writes them right away
     * (and must, even when its copy fails): one disk write less. */
    b = bget_zero(sbi->dev, block);
    if (zero_on_disk) bwrite(b);
    brelse(b);
    sbi->block_hint = g;
    sbi->bit_hint = block - first + 1;
    return block;
  }
  return 0;
}

void ext2_bfree(struct super_block *sb, u32 block) {
  struct ext2_sb_info *sbi = EXT2_SB(sb);
  u32 g, bit;
  struct buf *b;
  if (ext2_block_is_metadata(sbi->sb, block)) {
    ext2_error(sbi->sb, "ext2_free_blocks", "freeing blocks not in datazone - block = %u", block);
    return;
  }
  g = (block - sbi->first_data_block) / sbi->blocks_per_group;
  bit = (block - sbi->first_data_block) % sbi->blocks_per_group;
  b = bread(sbi->dev, sbi->groups[g].block_bitmap);
  if (b == NULL) return;
  if (!(b->data[bit / 8] & (1 << (bit % 8)))) {
    ext2_error(sbi->sb, "ext2_free_blocks", "bit already cleared for block %u", block);
    brelse(b);
    return;
  }
  b->data[bit / 8] = (char)(b->data[bit / 8] & ~(1 << (bit % 8)));
  bwrite(b);
  brelse(b);
  sbi->groups[g].free_blocks_count++;
  sbi->free_blocks++;
  write_metadata(sbi, g);
}

u32 ext2_ialloc(struct super_block *sb, int is_dir) {
  struct ext2_sb_info *sbi = EXT2_SB(sb);
  u32 g;
  for (g = 0; g < sbi->ngroups; g++) {
    struct buf *b;
    int bit;
    u32 ino;
    if (sbi->groups[g].free_inodes_count == 0) continue;
    b = bread(sbi->dev, sbi->groups[g].inode_bitmap);
    if (b == NULL) return 0;
    if (!inode_bitmap_ok(sbi, g, b->data)) {
      ext2_error(sbi->sb, "read_inode_bitmap", "reserved inodes marked free - group %u, block %u", g,
                 sbi->groups[g].inode_bitmap);
      brelse(b);
      continue;
    }
    /* Inodes below first_ino are reserved, even when their bit is clear. */
    bit = take_bit(b->data, g == 0 ? sbi->first_ino - 1 : 0, sbi->inodes_per_group);
    if (bit < 0) {
      brelse(b);
      continue;
    }
    ino = g * sbi->inodes_per_group + (u32)bit + 1;
    bwrite(b);
    brelse(b);
    sbi->groups[g].free_inodes_count--;
    if (is_dir) sbi->groups[g].used_dirs_count++;
    if (sbi->free_inodes > 0) sbi->free_inodes--;
    write_metadata(sbi, g);
    return ino;
  }
  return 0;
}

/* inode_create found the inode ext2_ialloc gave out in use: the bitmap
 * was wrong, not the counts (which counted it as used all along). Its bit
 * stays set; the counts go back to what they were. */
void ext2_ialloc_in_use(struct super_block *sb, u32 ino, int counted_as_dir) {
  struct ext2_sb_info *sbi = EXT2_SB(sb);
  u32 g = (ino - 1) / sbi->inodes_per_group;
  sbi->groups[g].free_inodes_count++;
  sbi->free_inodes++;
  if (counted_as_dir && sbi->groups[g].used_dirs_count > 0) sbi->groups[g].used_dirs_count--;
  write_metadata(sbi, g);
}

void ext2_ifree(struct super_block *sb, u32 ino, int was_dir) {
  struct ext2_sb_info *sbi = EXT2_SB(sb);
  u32 g = (ino - 1) / sbi->inodes_per_group;
  u32 bit = (ino - 1) % sbi->inodes_per_group;
  struct buf *b;
  if (ino < sbi->first_ino || ino > sbi->inodes_count) {
    ext2_error(sbi->sb, "ext2_free_inode", "reserved or nonexistent inode %u", ino);
    return;
  }
  b = bread(sbi->dev, sbi->groups[g].inode_bitmap);
  if (b == NULL) return;
  if (!bit_is_set(b->data, bit)) {
    ext2_error(sbi->sb, "ext2_free_inode", "bit already cleared for inode %u", ino);
    brelse(b);
    return;
  }
  b->data[bit / 8] = (char)(b->data[bit / 8] & ~(1 << (bit % 8)));
  bwrite(b);
  brelse(b);
  sbi->groups[g].free_inodes_count++;
  if (was_dir && sbi->groups[g].used_dirs_count > 0) sbi->groups[g].used_dirs_count--;
  sbi->free_inodes++;
  write_metadata(sbi, g);
}

/* Linux's ext2_statfs overhead: the blocks no file can ever have (first
 * data block, superblock and descriptor copies — not the reserved growth
 * blocks —, bitmaps, inode tables), which df leaves out of the size. */
static u32 ext2_overhead(struct ext2_sb_info *sbi) {
  u32 g, overhead = sbi->first_data_block;
  u32 gdb = (sbi->ngroups + BLOCK_SIZE / sizeof(struct ext2_group_desc) - 1) / (BLOCK_SIZE / sizeof(struct ext2_group_desc));
  for (g = 0; g < sbi->ngroups; g++) {
    if (group_has_super(sbi, g)) overhead += 1 + gdb;
  }
  return overhead + sbi->ngroups * (2 + sbi->itable_blocks);
}

/* As Linux's ext2_statfs: the size leaves out the metadata overhead, and
 * the blocks reserved for root are free but not available. */
static int ext2_statfs(struct super_block *sb, struct kstatfs *st) {
  struct ext2_sb_info *sbi = EXT2_SB(sb);
  st->type = EXT2_MAGIC;
  st->bsize = BLOCK_SIZE;
  st->blocks = sbi->blocks_count - ext2_overhead(sbi);
  st->bfree = sbi->free_blocks;
  st->bavail = sbi->free_blocks > sbi->r_blocks ? sbi->free_blocks - sbi->r_blocks : 0;
  st->files = sbi->inodes_count;
  st->ffree = sbi->free_inodes;
  return 0;
}

/* umount: the volume's memory goes; its blocks are all on the disk
 * already (the buffer cache writes through). */
static void ext2_put_super(struct super_block *sb) {
  struct ext2_sb_info *sbi = EXT2_SB(sb);
  kfree(sbi->groups);
  kfree(sbi);
  sb->fs_info = NULL;
}

static const struct super_operations ext2_super_ops = {
  .read_inode = ext2_read_inode,
  .write_inode = ext2_write_inode,
  .evict_inode = ext2_evict_inode,
  .statfs = ext2_statfs,
  .put_super = ext2_put_super,
};

/* Each mounted volume has its own ext2_sb_info (sb->fs_info): the VFS
 * refuses to mount one disk twice, so a volume has one owner. */
static int ext2_fill_super(struct super_block *sb, int dev) {
  int err;
  struct ext2_sb_info *sbi;
  if (dev < 0 || disk_blocks(dev) == 0) return -ENXIO;
  sbi = (struct ext2_sb_info *)kmalloc(sizeof *sbi);
  if (sbi == NULL) return -ENOMEM;
  memset(sbi, 0, sizeof *sbi);
  sbi->sb = sb;
  sb->fs_info = sbi;
  err = ext2_mount(sbi, dev);
  if (err) {
    kfree(sbi);
    sb->fs_info = NULL;
    return err;
  }
  sb->s_op = &ext2_super_ops;
  sb->s_dev = disk_devt(dev);   /* /dev/hda 3:0, /dev/hdb 3:64, /dev/hdc 22:0 */
  sb->root_ino = EXT2_ROOT_INO;
  sb->max_inodes = sbi->inodes_count;
  return 0;
}

const struct file_system_type ext2_fs_type = { "ext2", ext2_fill_super, FS_REQUIRES_DEV };
