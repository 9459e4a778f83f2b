// Where everything goes in a new ext2 image: the block-group geometry.
//
// Owns: choosing blocks per group, inodes per group and the placement of each
// group's metadata, from an image size. Invariants of the plan it returns:
//   - block g * blocksPerGroup starts group g (s_first_data_block = 0);
//   - a group with a superblock copy (sparse_super: groups 0, 1 and powers of
//     3, 5, 7) begins with it, then the group-descriptor blocks; then every
//     group has its block bitmap, inode bitmap and inode table, in that
//     order; the rest of the group is data;
//   - inodesPerGroup is a multiple of the inodes held by one block, so the
//     inode table is whole blocks; it never exceeds one bitmap block's bits;
//   - the last group is dropped (the file system ends before the image does,
//     as mke2fs does) when it would be too small to hold its own metadata
//     and a little data.

import { Ext2Error } from './errors.ts';
import { BLOCK_SIZE, GROUP_DESC_SIZE, INODE_SIZE } from './layout.ts';

export const DEFAULT_BLOCKS_PER_GROUP = BLOCK_SIZE * 8;
export const DEFAULT_BYTES_PER_INODE = 16384;
const INODES_PER_BLOCK = BLOCK_SIZE / INODE_SIZE;
/** A group must have at least this many data blocks past its metadata. */
const MIN_GROUP_DATA_BLOCKS = 50;
/** Largest image we build: typed arrays and block numbers stay comfortable. */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024 * 1024;

export interface GeometryOptions {
  sizeBytes: number;
  /** Multiple of 8, 256 … 32768 (default 32768). Smaller values make multi-group images cheap to test. */
  blocksPerGroup?: number;
  /** One inode per this many bytes of image (default 16384), unless inodeCount is given. */
  bytesPerInode?: number;
  /** Total inodes wanted; rounded up to fill whole inode-table blocks in every group. */
  inodeCount?: number;
}

export interface GroupLayout {
  /** First block of the group. */
  start: number;
  /** Blocks in the group (the last group may be shorter). */
  blocks: number;
  hasSuperblock: boolean;
  blockBitmap: number;
  inodeBitmap: number;
  inodeTable: number;
  /** First block after the metadata. */
  firstData: number;
}

export interface Geometry {
  blocksCount: number;
  blocksPerGroup: number;
  inodesPerGroup: number;
  inodeTableBlocks: number;
  groupDescBlocks: number;
  groups: GroupLayout[];
}

/** sparse_super: superblock backups live in groups 0, 1 and powers of 3, 5 and 7. */
export function groupHasSuperblock(group: number): boolean {
  if (group <= 1) return true;
  for (const base of [3, 5, 7]) {
    let p = base;
    while (p < group) p *= base;
    if (p === group) return true;
  }
  return false;
}

export function planGeometry(opts: GeometryOptions): Geometry {
  const { sizeBytes } = opts;
  if (!Number.isInteger(sizeBytes) || sizeBytes <= 0 || sizeBytes % BLOCK_SIZE !== 0) {
    throw new Ext2Error(`image size ${sizeBytes} is not a positive multiple of ${BLOCK_SIZE} bytes`);
  }
  if (sizeBytes > MAX_IMAGE_BYTES) {
    throw new Ext2Error(`image size ${sizeBytes} is larger than the ${MAX_IMAGE_BYTES}-byte maximum`);
  }
  const blocksPerGroup = opts.blocksPerGroup ?? DEFAULT_BLOCKS_PER_GROUP;
  if (!Number.isInteger(blocksPerGroup) || blocksPerGroup % 8 !== 0 || blocksPerGroup < 256 ||
      blocksPerGroup > DEFAULT_BLOCKS_PER_GROUP) {
    throw new Ext2Error(`blocks per group ${blocksPerGroup} must be a multiple of 8 between 256 and ${DEFAULT_BLOCKS_PER_GROUP}`);
  }
  const bytesPerInode = opts.bytesPerInode ?? DEFAULT_BYTES_PER_INODE;
  if (!Number.isInteger(bytesPerInode) || bytesPerInode < 1024) {
    throw new Ext2Error(`bytes per inode ${bytesPerInode} must be an integer of at least 1024`);
  }
  if (opts.inodeCount !== undefined && (!Number.isInteger(opts.inodeCount) || opts.inodeCount < 16)) {
    throw new Ext2Error(`inode count ${opts.inodeCount} must be an integer of at least 16`);
  }

  let blocksCount = sizeBytes / BLOCK_SIZE;
  for (;;) {
    const geometry = layOut(blocksCount, blocksPerGroup, bytesPerInode, opts.inodeCount);
    const last = geometry.groups[geometry.groups.length - 1];
    const lastDataBlocks = last.start + last.blocks - last.firstData;
    if (lastDataBlocks >= MIN_GROUP_DATA_BLOCKS) return geometry;
    if (geometry.groups.length === 1) {
      const need = (last.firstData + MIN_GROUP_DATA_BLOCKS) * BLOCK_SIZE;
      throw new Ext2Error(`image size ${sizeBytes} is too small: this geometry needs at least ${need} bytes`);
    }
    blocksCount = last.start; // drop the runt group, as mke2fs does
  }
}

function layOut(blocksCount: number, blocksPerGroup: number, bytesPerInode: number, inodeCount?: number): Geometry {
  const groupCount = Math.ceil(blocksCount / blocksPerGroup);
  const wantedInodes = inodeCount ?? Math.max(16, Math.floor((blocksCount * BLOCK_SIZE) / bytesPerInode));
  let inodesPerGroup = Math.ceil(wantedInodes / groupCount);
  inodesPerGroup = Math.ceil(inodesPerGroup / INODES_PER_BLOCK) * INODES_PER_BLOCK;
  const maxPerGroup = Math.min(BLOCK_SIZE * 8, Math.floor(blocksPerGroup / 2 / INODES_PER_BLOCK) * INODES_PER_BLOCK);
  if (inodesPerGroup > maxPerGroup) {
    throw new Ext2Error(`${wantedInodes} inodes do not fit: at most ${maxPerGroup} per group of ${blocksPerGroup} blocks`);
  }
  const inodeTableBlocks = inodesPerGroup / INODES_PER_BLOCK;
  const groupDescBlocks = Math.ceil((groupCount * GROUP_DESC_SIZE) / BLOCK_SIZE);
  const groups: GroupLayout[] = [];
  for (let g = 0; g < groupCount; g++) {
    const start = g * blocksPerGroup;
    const blocks = Math.min(blocksPerGroup, blocksCount - start);
    const hasSuperblock = groupHasSuperblock(g);
    const blockBitmap = start + (hasSuperblock ? 1 + groupDescBlocks : 0);
    groups.push({
      start, blocks, hasSuperblock, blockBitmap,
      inodeBitmap: blockBitmap + 1,
      inodeTable: blockBitmap + 2,
      firstData: blockBitmap + 2 + inodeTableBlocks,
    });
  }
  return { blocksCount, blocksPerGroup, inodesPerGroup, inodeTableBlocks, groupDescBlocks, groups };
}
