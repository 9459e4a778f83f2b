// An ext2 file system held in memory: its superblock, group descriptors,
// bitmaps and inode table, with block and inode allocation.
//
// Owns: formatting an empty image from a Geometry, opening an existing image
// (validating everything before it is used, so a corrupt image is refused
// with a reason instead of crashing later), reading and writing inodes and
// blocks, allocating and freeing blocks and inodes, and writing the
// superblock and descriptors (primary and backups) back with `flush()`.
// Invariants: every block number handed out or accepted lies inside the file
// system; group free counts change only together with their bitmaps; the
// superblock's free counts are the sums of the groups' at every flush.

import { corrupt, Ext2Error } from './errors.ts';
import { groupHasSuperblock, type Geometry } from './geometry.ts';
import {
  BLOCK_SIZE, decodeGroupDesc, decodeInode, decodeSuperblock, encodeGroupDesc, encodeInode,
  ERRORS_CONTINUE, EXT2_MAGIC, FEATURE_INCOMPAT_FILETYPE, FEATURE_RO_COMPAT_LARGE_FILE,
  FEATURE_RO_COMPAT_SPARSE_SUPER, FIRST_INO, GROUP_DESC_SIZE, INODE_SIZE, LOG_BLOCK_SIZE, SB,
  STATE_CLEAN, SUPERBLOCK_OFFSET, SUPERBLOCK_SIZE, type GroupDesc, type Inode, type Superblock,
} from './layout.ts';

export interface FormatOptions {
  volumeName?: string;
  /** 16 bytes; the default is derived from the time and size so builds are reproducible. */
  uuid?: Uint8Array;
  /** Unix seconds stamped on the superblock (and, by the builder, on files). */
  time: number;
  /** Percentage of blocks reserved for root (s_r_blocks_count); default 0. */
  reservedPercent?: number;
}

const KNOWN_INCOMPAT = FEATURE_INCOMPAT_FILETYPE;
const WRITABLE_RO_COMPAT = FEATURE_RO_COMPAT_SPARSE_SUPER | FEATURE_RO_COMPAT_LARGE_FILE;

export class Volume {
  readonly view: DataView;
  readonly groups: GroupDesc[];
  private blockHint = 0;
  private inodeHint = 0;

  private constructor(
    readonly bytes: Uint8Array,
    readonly sb: Superblock,
    readonly groupCount: number,
    groups: GroupDesc[],
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.groups = groups;
  }

  get blocksCount(): number { return this.sb.blocksCount; }
  get inodesCount(): number { return this.sb.inodesCount; }
  get inodeSize(): number { return this.sb.inodeSize; }
  get sparseSuper(): boolean { return (this.sb.featureRoCompat & FEATURE_RO_COMPAT_SPARSE_SUPER) !== 0; }
  get hasFileType(): boolean { return (this.sb.featureIncompat & FEATURE_INCOMPAT_FILETYPE) !== 0; }

  // ---- creating and opening -------------------------------------------

  /** A new, empty file system (no inodes in use beyond the reserved ones). */
  static format(geometry: Geometry, opts: FormatOptions): Volume {
    const bytes = new Uint8Array(geometry.blocksCount * BLOCK_SIZE);
    const groupCount = geometry.groups.length;
    const inodesCount = geometry.inodesPerGroup * groupCount;
    const reserved = Math.floor((geometry.blocksCount * (opts.reservedPercent ?? 0)) / 100);
    const uuid = opts.uuid ?? defaultUuid(opts.time, geometry.blocksCount);
    if (uuid.length !== 16) throw new Ext2Error(`uuid must be 16 bytes, got ${uuid.length}`);
    const name = new TextEncoder().encode(opts.volumeName ?? '');
    if (name.length > 16) throw new Ext2Error(`volume name "${opts.volumeName}" is longer than 16 bytes`);
    const time = opts.time >>> 0;

    const sbView = new DataView(bytes.buffer, SUPERBLOCK_OFFSET, SUPERBLOCK_SIZE);
    sbView.setUint32(SB.inodesCount, inodesCount, true);
    sbView.setUint32(SB.blocksCount, geometry.blocksCount, true);
    sbView.setUint32(SB.rBlocksCount, reserved, true);
    sbView.setUint32(SB.firstDataBlock, 0, true);
    sbView.setUint32(SB.logBlockSize, LOG_BLOCK_SIZE, true);
    sbView.setUint32(SB.logFragSize, LOG_BLOCK_SIZE, true);
    sbView.setUint32(SB.blocksPerGroup, geometry.blocksPerGroup, true);
    sbView.setUint32(SB.fragsPerGroup, geometry.blocksPerGroup, true);
    sbView.setUint32(SB.inodesPerGroup, geometry.inodesPerGroup, true);
    sbView.setUint32(SB.wtime, time, true);
    sbView.setUint16(SB.maxMntCount, 0xffff, true); // -1: no forced check by mount count
    sbView.setUint16(SB.magic, EXT2_MAGIC, true);
    sbView.setUint16(SB.state, STATE_CLEAN, true);
    sbView.setUint16(SB.errors, ERRORS_CONTINUE, true);
    sbView.setUint32(SB.lastcheck, time, true);
    sbView.setUint32(SB.revLevel, 1, true);
    sbView.setUint32(SB.firstIno, FIRST_INO, true);
    sbView.setUint16(SB.inodeSize, INODE_SIZE, true);
    sbView.setUint32(SB.featureIncompat, FEATURE_INCOMPAT_FILETYPE, true);
    sbView.setUint32(SB.featureRoCompat, FEATURE_RO_COMPAT_SPARSE_SUPER, true);
    bytes.set(uuid, SUPERBLOCK_OFFSET + SB.uuid);
    bytes.set(name, SUPERBLOCK_OFFSET + SB.volumeName);
    sbView.setUint32(SB.mkfsTime, time, true);

    const groups: GroupDesc[] = [];
    for (let g = 0; g < groupCount; g++) {
      const layout = geometry.groups[g];
      const metadataBlocks = layout.firstData - layout.start;
      // Mark the group's metadata used and the bitmap padding past the end set.
      const blockBitmap = bytes.subarray(layout.blockBitmap * BLOCK_SIZE, (layout.blockBitmap + 1) * BLOCK_SIZE);
      for (let i = 0; i < metadataBlocks; i++) setBit(blockBitmap, i);
      for (let i = layout.blocks; i < BLOCK_SIZE * 8; i++) setBit(blockBitmap, i);
      const inodeBitmap = bytes.subarray(layout.inodeBitmap * BLOCK_SIZE, (layout.inodeBitmap + 1) * BLOCK_SIZE);
      for (let i = geometry.inodesPerGroup; i < BLOCK_SIZE * 8; i++) setBit(inodeBitmap, i);
      let freeInodes = geometry.inodesPerGroup;
      if (g === 0) {
        for (let i = 0; i < FIRST_INO - 1; i++) setBit(inodeBitmap, i); // inodes 1..10 reserved
        freeInodes -= FIRST_INO - 1;
      }
      groups.push({
        blockBitmap: layout.blockBitmap, inodeBitmap: layout.inodeBitmap, inodeTable: layout.inodeTable,
        freeBlocksCount: layout.blocks - metadataBlocks, freeInodesCount: freeInodes, usedDirsCount: 0,
      });
    }
    const view = new DataView(bytes.buffer);
    const volume = new Volume(bytes, decodeSuperblock(view, SUPERBLOCK_OFFSET), groupCount, groups);
    volume.flush(time);
    return volume;
  }

  /**
   * Opens an image, checking the superblock and descriptors. With `forWriting`
   * it also refuses features it could not keep consistent when writing.
   */
  static open(image: Uint8Array, forWriting: boolean): Volume {
    if (image.length < SUPERBLOCK_OFFSET + SUPERBLOCK_SIZE) corrupt(`image of ${image.length} bytes is too short to hold a superblock`);
    const view = new DataView(image.buffer, image.byteOffset, image.byteLength);
    const sb = decodeSuperblock(view, SUPERBLOCK_OFFSET);
    if (sb.magic !== EXT2_MAGIC) corrupt(`bad superblock magic 0x${sb.magic.toString(16)} (expected 0xef53)`);
    if (sb.revLevel > 1) corrupt(`unknown revision level ${sb.revLevel}`);
    if (sb.logBlockSize !== LOG_BLOCK_SIZE) {
      throw new Ext2Error(`unsupported block size ${sb.logBlockSize < 8 ? 1024 << sb.logBlockSize : '?'}: only 4 KiB blocks are supported`);
    }
    if (sb.firstDataBlock !== 0) corrupt(`s_first_data_block is ${sb.firstDataBlock}, must be 0 with 4 KiB blocks`);
    const imageBlocks = Math.floor(image.length / BLOCK_SIZE);
    if (sb.blocksCount === 0 || sb.blocksCount > imageBlocks) {
      corrupt(`superblock says ${sb.blocksCount} blocks but the image holds ${imageBlocks}`);
    }
    if (sb.blocksPerGroup === 0 || sb.blocksPerGroup % 8 !== 0 || sb.blocksPerGroup > BLOCK_SIZE * 8) {
      corrupt(`bad blocks per group ${sb.blocksPerGroup}`);
    }
    if (sb.inodesPerGroup === 0 || sb.inodesPerGroup > BLOCK_SIZE * 8) corrupt(`bad inodes per group ${sb.inodesPerGroup}`);
    if (sb.inodeSize < INODE_SIZE || sb.inodeSize > BLOCK_SIZE || (sb.inodeSize & (sb.inodeSize - 1)) !== 0) {
      corrupt(`bad inode size ${sb.inodeSize}`);
    }
    const groupCount = Math.ceil(sb.blocksCount / sb.blocksPerGroup);
    if (sb.inodesCount !== sb.inodesPerGroup * groupCount) {
      corrupt(`inode count ${sb.inodesCount} is not ${groupCount} groups × ${sb.inodesPerGroup}`);
    }
    if (sb.firstIno < FIRST_INO || sb.firstIno >= sb.inodesCount) corrupt(`bad first inode ${sb.firstIno}`);
    const unknownIncompat = sb.featureIncompat & ~KNOWN_INCOMPAT;
    if (unknownIncompat !== 0) {
      throw new Ext2Error(`unsupported ext2 incompatible features 0x${unknownIncompat.toString(16)} (only filetype is supported)`);
    }
    if (forWriting && (sb.featureRoCompat & ~WRITABLE_RO_COMPAT) !== 0) {
      throw new Ext2Error(`cannot write: unsupported read-only-compatible features 0x${(sb.featureRoCompat & ~WRITABLE_RO_COMPAT).toString(16)}`);
    }
    const descBlocks = Math.ceil((groupCount * GROUP_DESC_SIZE) / BLOCK_SIZE);
    if (1 + descBlocks > sb.blocksCount) corrupt('group descriptors run past the end of the file system');
    const tableBlocks = Math.ceil((sb.inodesPerGroup * sb.inodeSize) / BLOCK_SIZE);
    const groups: GroupDesc[] = [];
    for (let g = 0; g < groupCount; g++) {
      const d = decodeGroupDesc(view, BLOCK_SIZE + g * GROUP_DESC_SIZE);
      const inRange = (b: number) => b > 0 && b < sb.blocksCount;
      if (!inRange(d.blockBitmap) || !inRange(d.inodeBitmap) || !inRange(d.inodeTable) ||
          d.inodeTable + tableBlocks > sb.blocksCount) {
        corrupt(`group ${g} descriptor points outside the file system`);
      }
      groups.push(d);
    }
    return new Volume(image, sb, groupCount, groups);
  }

  // ---- blocks -----------------------------------------------------------

  block(n: number): Uint8Array {
    return this.bytes.subarray(n * BLOCK_SIZE, (n + 1) * BLOCK_SIZE);
  }

  /** Checks a block pointer found on disk; `what` names its owner for the message. */
  checkBlock(n: number, what: string): number {
    if (n === 0 || n >= this.sb.blocksCount) corrupt(`${what} points to block ${n}, outside 1..${this.sb.blocksCount - 1}`);
    return n;
  }

  isBlockUsed(n: number): boolean {
    const g = Math.floor(n / this.sb.blocksPerGroup);
    const bit = n % this.sb.blocksPerGroup;
    return (this.block(this.groups[g].blockBitmap)[bit >> 3] & (1 << (bit & 7))) !== 0;
  }

  /** Allocates a zeroed block, the first free one at or after the last allocation. */
  allocBlock(): number {
    const bpg = this.sb.blocksPerGroup;
    const startGroup = Math.floor(this.blockHint / bpg);
    for (let k = 0; k <= this.groupCount; k++) {
      const g = (startGroup + k) % this.groupCount;
      const desc = this.groups[g];
      if (desc.freeBlocksCount === 0) continue;
      const groupBlocks = Math.min(bpg, this.sb.blocksCount - g * bpg);
      const from = k === 0 ? this.blockHint % bpg : 0;
      const bit = findClearBit(this.block(desc.blockBitmap), from, groupBlocks);
      if (bit < 0) continue;
      setBit(this.block(desc.blockBitmap), bit);
      desc.freeBlocksCount--;
      const n = g * bpg + bit;
      this.block(n).fill(0);
      this.blockHint = n + 1 < this.sb.blocksCount ? n + 1 : 0;
      return n;
    }
    throw new Ext2Error('no space left on the file system: every block is in use');
  }

  freeBlock(n: number): void {
    const g = Math.floor(n / this.sb.blocksPerGroup);
    const bit = n % this.sb.blocksPerGroup;
    const bitmap = this.block(this.groups[g].blockBitmap);
    if ((bitmap[bit >> 3] & (1 << (bit & 7))) === 0) corrupt(`block ${n} is freed twice`);
    bitmap[bit >> 3] &= ~(1 << (bit & 7));
    this.groups[g].freeBlocksCount++;
  }

  // ---- inodes -----------------------------------------------------------

  private inodeOffset(ino: number): number {
    if (!Number.isInteger(ino) || ino < 1 || ino > this.sb.inodesCount) corrupt(`inode number ${ino} outside 1..${this.sb.inodesCount}`);
    const index = (ino - 1) % this.sb.inodesPerGroup;
    const g = Math.floor((ino - 1) / this.sb.inodesPerGroup);
    return this.groups[g].inodeTable * BLOCK_SIZE + index * this.sb.inodeSize;
  }

  readInode(ino: number): Inode {
    return decodeInode(this.view, this.inodeOffset(ino));
  }

  writeInode(ino: number, inode: Inode): void {
    encodeInode(this.view, this.inodeOffset(ino), inode);
  }

  isInodeUsed(ino: number): boolean {
    this.inodeOffset(ino);
    const g = Math.floor((ino - 1) / this.sb.inodesPerGroup);
    const bit = (ino - 1) % this.sb.inodesPerGroup;
    return (this.block(this.groups[g].inodeBitmap)[bit >> 3] & (1 << (bit & 7))) !== 0;
  }

  /** Allocates an inode and zeroes its slot; `isDirectory` keeps bg_used_dirs_count true. */
  allocInode(isDirectory: boolean): number {
    const ipg = this.sb.inodesPerGroup;
    for (let k = 0; k <= this.groupCount; k++) {
      const g = (Math.floor(this.inodeHint / ipg) + k) % this.groupCount;
      const desc = this.groups[g];
      if (desc.freeInodesCount === 0) continue;
      let from = k === 0 ? this.inodeHint % ipg : 0;
      if (g === 0) from = Math.max(from, this.sb.firstIno - 1);
      const bit = findClearBit(this.block(desc.inodeBitmap), from, ipg);
      if (bit < 0) continue;
      setBit(this.block(desc.inodeBitmap), bit);
      desc.freeInodesCount--;
      if (isDirectory) desc.usedDirsCount++;
      const ino = g * ipg + bit + 1;
      const at = this.inodeOffset(ino);
      this.bytes.fill(0, at, at + this.sb.inodeSize);
      this.inodeHint = ino < this.sb.inodesCount ? ino : 0;
      return ino;
    }
    throw new Ext2Error('no free inodes left on the file system');
  }

  /** Marks a reserved inode (below s_first_ino, e.g. the root) in use. */
  claimReservedInode(ino: number, isDirectory: boolean): void {
    if (isDirectory) this.groups[Math.floor((ino - 1) / this.sb.inodesPerGroup)].usedDirsCount++;
    const at = this.inodeOffset(ino);
    this.bytes.fill(0, at, at + this.sb.inodeSize);
  }

  // ---- writing back -------------------------------------------------------

  /** Writes free counts, the descriptors and every superblock copy. */
  flush(time?: number): void {
    let freeBlocks = 0;
    let freeInodes = 0;
    for (const d of this.groups) {
      freeBlocks += d.freeBlocksCount;
      freeInodes += d.freeInodesCount;
    }
    this.sb.freeBlocksCount = freeBlocks;
    this.sb.freeInodesCount = freeInodes;
    const primary = SUPERBLOCK_OFFSET;
    this.view.setUint32(primary + SB.freeBlocksCount, freeBlocks, true);
    this.view.setUint32(primary + SB.freeInodesCount, freeInodes, true);
    if (time !== undefined) this.view.setUint32(primary + SB.wtime, time >>> 0, true);
    this.view.setUint16(primary + SB.blockGroupNr, 0, true);
    for (let g = 0; g < this.groupCount; g++) encodeGroupDesc(this.view, BLOCK_SIZE + g * GROUP_DESC_SIZE, this.groups[g]);

    const descBytes = Math.ceil((this.groupCount * GROUP_DESC_SIZE) / BLOCK_SIZE) * BLOCK_SIZE;
    for (let g = 1; g < this.groupCount; g++) {
      if (this.sparseSuper && !groupHasSuperblock(g)) continue;
      const start = g * this.sb.blocksPerGroup;
      if ((start + 1) * BLOCK_SIZE + descBytes > this.sb.blocksCount * BLOCK_SIZE) continue;
      const at = start * BLOCK_SIZE;
      this.bytes.copyWithin(at, primary, primary + SUPERBLOCK_SIZE);
      this.view.setUint16(at + SB.blockGroupNr, g, true);
      this.bytes.copyWithin(at + BLOCK_SIZE, BLOCK_SIZE, BLOCK_SIZE + descBytes);
    }
  }
}

function setBit(bitmap: Uint8Array, bit: number): void {
  bitmap[bit >> 3] |= 1 << (bit & 7);
}

/** The first clear bit in [from, limit), or -1. */
function findClearBit(bitmap: Uint8Array, from: number, limit: number): number {
  let bit = from;
  while (bit < limit) {
    const byte = bitmap[bit >> 3];
    if (byte === 0xff && (bit & 7) === 0) { bit += 8; continue; }
    if ((byte & (1 << (bit & 7))) === 0) return bit;
    bit++;
  }
  return -1;
}

/** A version-4-shaped UUID that depends only on its inputs (reproducible builds). */
function defaultUuid(time: number, blocks: number): Uint8Array {
  const uuid = new Uint8Array(16);
  let h = (0x811c9dc5 ^ time ^ Math.imul(blocks, 0x9e3779b1)) >>> 0;
  for (let i = 0; i < 16; i++) {
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
    h = (h ^ Math.imul(h ^ (h >>> 12), 0x297a2d39)) >>> 0;
    uuid[i] = (h >>> 24) & 0xff;
  }
  uuid[6] = (uuid[6] & 0x0f) | 0x40;
  uuid[8] = (uuid[8] & 0x3f) | 0x80;
  return uuid;
}
