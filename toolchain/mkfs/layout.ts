// The on-disk format of ext2 as Hako uses it: constants, field offsets, and
// the encoders/decoders of the superblock, group descriptors, inodes and
// directory entries. Nothing here allocates or decides policy.
//
// The Hako flavour of ext2 (what the kernel must implement, no more):
//   - revision 1 (dynamic), 4 KiB blocks, s_first_data_block = 0, so block 0
//     holds 1 KiB of boot area and then the superblock at byte 1024;
//   - 128-byte inodes (the classic layout: 32 inodes per block, no extra
//     inode area; times are 32-bit seconds);
//   - features: INCOMPAT_FILETYPE (directory entries carry the file type)
//     and RO_COMPAT_SPARSE_SUPER (backup superblock + descriptors only in
//     groups 0, 1 and powers of 3, 5, 7 — the kernel only ever reads and
//     writes group 0's copy, so this costs it nothing). No journal, no
//     dir_index, no resize inode, no extended attributes, no large_file
//     (files stay below 2 GiB, which direct + single + double indirect
//     blocks cover: 12 + 1024 + 1024² blocks of 4 KiB).
//   - device nodes keep (major << 8) | minor in i_block[0] when both fit in
//     a byte, else 0 there and Linux's new encoding in i_block[1]:
//     (minor & 0xff) | (major << 8) | ((minor & ~0xff) << 12).
// All integers are little-endian.

export const BLOCK_SIZE = 4096;
export const LOG_BLOCK_SIZE = 2; // block size = 1024 << 2
export const SUPERBLOCK_OFFSET = 1024;
export const SUPERBLOCK_SIZE = 1024;
export const EXT2_MAGIC = 0xef53;
export const INODE_SIZE = 128;
export const GROUP_DESC_SIZE = 32;
export const FIRST_INO = 11;
export const ROOT_INO = 2;
export const N_DIRECT = 12;
export const IND_BLOCK = 12;
export const DIND_BLOCK = 13;
export const TIND_BLOCK = 14;
export const N_BLOCKS = 15;
/** Block numbers held by one indirect block. */
export const PTRS_PER_BLOCK = BLOCK_SIZE / 4;
/** Longest symlink target stored inline in i_block (60 bytes, NUL-free). */
export const FAST_SYMLINK_MAX = 59;
export const NAME_MAX = 255;
/** Files must stay below 2 GiB: we do not set RO_COMPAT_LARGE_FILE. */
export const MAX_FILE_SIZE = 0x7fffffff;

export const FEATURE_INCOMPAT_FILETYPE = 0x0002;
export const FEATURE_RO_COMPAT_SPARSE_SUPER = 0x0001;
export const FEATURE_RO_COMPAT_LARGE_FILE = 0x0002;
export const INODE_FLAG_INDEX = 0x1000;

export const STATE_CLEAN = 1;
export const ERRORS_CONTINUE = 1;

// i_mode file types (the high 4 bits) and permission bits.
export const S_IFMT = 0o170000;
export const S_IFSOCK = 0o140000;
export const S_IFLNK = 0o120000;
export const S_IFREG = 0o100000;
export const S_IFBLK = 0o060000;
export const S_IFDIR = 0o040000;
export const S_IFCHR = 0o020000;
export const S_IFIFO = 0o010000;
export const PERMISSION_BITS = 0o7777;

// Directory entry file types (INCOMPAT_FILETYPE).
export const FT_UNKNOWN = 0;
export const FT_REG_FILE = 1;
export const FT_DIR = 2;
export const FT_CHRDEV = 3;
export const FT_BLKDEV = 4;
export const FT_FIFO = 5;
export const FT_SOCK = 6;
export const FT_SYMLINK = 7;

/** The directory-entry type byte for an i_mode. */
export function fileTypeOfMode(mode: number): number {
  switch (mode & S_IFMT) {
    case S_IFREG: return FT_REG_FILE;
    case S_IFDIR: return FT_DIR;
    case S_IFCHR: return FT_CHRDEV;
    case S_IFBLK: return FT_BLKDEV;
    case S_IFIFO: return FT_FIFO;
    case S_IFSOCK: return FT_SOCK;
    case S_IFLNK: return FT_SYMLINK;
    default: return FT_UNKNOWN;
  }
}

// ---- superblock -----------------------------------------------------------

/** Superblock fields Hako reads or writes (byte offsets inside the 1 KiB). */
export const SB = {
  inodesCount: 0,
  blocksCount: 4,
  rBlocksCount: 8,
  freeBlocksCount: 12,
  freeInodesCount: 16,
  firstDataBlock: 20,
  logBlockSize: 24,
  logFragSize: 28,
  blocksPerGroup: 32,
  fragsPerGroup: 36,
  inodesPerGroup: 40,
  mtime: 44,
  wtime: 48,
  mntCount: 52, // u16
  maxMntCount: 54, // s16
  magic: 56, // u16
  state: 58, // u16
  errors: 60, // u16
  minorRevLevel: 62, // u16
  lastcheck: 64,
  checkinterval: 68,
  creatorOs: 72,
  revLevel: 76,
  defResuid: 80, // u16
  defResgid: 82, // u16
  firstIno: 84,
  inodeSize: 88, // u16
  blockGroupNr: 90, // u16
  featureCompat: 92,
  featureIncompat: 96,
  featureRoCompat: 100,
  uuid: 104, // 16 bytes
  volumeName: 120, // 16 bytes
  lastMounted: 136, // 64 bytes
  reservedGdtBlocks: 206, // u16
  mkfsTime: 264,
} as const;

export interface Superblock {
  inodesCount: number;
  blocksCount: number;
  rBlocksCount: number;
  freeBlocksCount: number;
  freeInodesCount: number;
  firstDataBlock: number;
  logBlockSize: number;
  blocksPerGroup: number;
  inodesPerGroup: number;
  mtime: number;
  wtime: number;
  magic: number;
  state: number;
  revLevel: number;
  firstIno: number;
  inodeSize: number;
  featureCompat: number;
  featureIncompat: number;
  featureRoCompat: number;
  uuid: Uint8Array;
  volumeName: string;
  mkfsTime: number;
}

export function decodeSuperblock(view: DataView, at: number): Superblock {
  const u32 = (o: number) => view.getUint32(at + o, true);
  const u16 = (o: number) => view.getUint16(at + o, true);
  const revLevel = u32(SB.revLevel);
  const bytes = new Uint8Array(view.buffer, view.byteOffset + at, SUPERBLOCK_SIZE);
  return {
    inodesCount: u32(SB.inodesCount),
    blocksCount: u32(SB.blocksCount),
    rBlocksCount: u32(SB.rBlocksCount),
    freeBlocksCount: u32(SB.freeBlocksCount),
    freeInodesCount: u32(SB.freeInodesCount),
    firstDataBlock: u32(SB.firstDataBlock),
    logBlockSize: u32(SB.logBlockSize),
    blocksPerGroup: u32(SB.blocksPerGroup),
    inodesPerGroup: u32(SB.inodesPerGroup),
    mtime: u32(SB.mtime),
    wtime: u32(SB.wtime),
    magic: u16(SB.magic),
    state: u16(SB.state),
    revLevel,
    // Revision 0 has fixed values for these; revision 1 stores them.
    firstIno: revLevel === 0 ? FIRST_INO : u32(SB.firstIno),
    inodeSize: revLevel === 0 ? INODE_SIZE : u16(SB.inodeSize),
    featureCompat: revLevel === 0 ? 0 : u32(SB.featureCompat),
    featureIncompat: revLevel === 0 ? 0 : u32(SB.featureIncompat),
    featureRoCompat: revLevel === 0 ? 0 : u32(SB.featureRoCompat),
    uuid: bytes.slice(SB.uuid, SB.uuid + 16),
    volumeName: decodeFixedString(bytes.subarray(SB.volumeName, SB.volumeName + 16)),
    mkfsTime: u32(SB.mkfsTime),
  };
}

function decodeFixedString(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);
  return new TextDecoder().decode(end < 0 ? bytes : bytes.subarray(0, end));
}

// ---- group descriptors ----------------------------------------------------

export interface GroupDesc {
  blockBitmap: number;
  inodeBitmap: number;
  inodeTable: number;
  freeBlocksCount: number;
  freeInodesCount: number;
  usedDirsCount: number;
}

export function decodeGroupDesc(view: DataView, at: number): GroupDesc {
  return {
    blockBitmap: view.getUint32(at, true),
    inodeBitmap: view.getUint32(at + 4, true),
    inodeTable: view.getUint32(at + 8, true),
    freeBlocksCount: view.getUint16(at + 12, true),
    freeInodesCount: view.getUint16(at + 14, true),
    usedDirsCount: view.getUint16(at + 16, true),
  };
}

/** Writes the fields Hako manages; the other 14 bytes are left as they are. */
export function encodeGroupDesc(view: DataView, at: number, g: GroupDesc): void {
  view.setUint32(at, g.blockBitmap, true);
  view.setUint32(at + 4, g.inodeBitmap, true);
  view.setUint32(at + 8, g.inodeTable, true);
  view.setUint16(at + 12, g.freeBlocksCount, true);
  view.setUint16(at + 14, g.freeInodesCount, true);
  view.setUint16(at + 16, g.usedDirsCount, true);
}

// ---- inodes ---------------------------------------------------------------

export interface Inode {
  mode: number;
  uid: number;
  gid: number;
  size: number;
  atime: number;
  ctime: number;
  mtime: number;
  dtime: number;
  linksCount: number;
  /** Space used, in 512-byte sectors, indirect blocks included. */
  blocks: number;
  flags: number;
  /** i_block[0..14]: 12 direct, single, double, triple indirect. */
  block: number[];
  sizeHigh: number;
}

export function emptyInode(): Inode {
  return {
    mode: 0, uid: 0, gid: 0, size: 0, atime: 0, ctime: 0, mtime: 0, dtime: 0,
    linksCount: 0, blocks: 0, flags: 0, block: new Array<number>(N_BLOCKS).fill(0), sizeHigh: 0,
  };
}

export function decodeInode(view: DataView, at: number): Inode {
  const block: number[] = [];
  for (let i = 0; i < N_BLOCKS; i++) block.push(view.getUint32(at + 40 + 4 * i, true));
  return {
    mode: view.getUint16(at, true),
    uid: (view.getUint16(at + 2, true) | (view.getUint16(at + 120, true) << 16)) >>> 0,
    gid: (view.getUint16(at + 24, true) | (view.getUint16(at + 122, true) << 16)) >>> 0,
    size: view.getUint32(at + 4, true),
    atime: view.getUint32(at + 8, true),
    ctime: view.getUint32(at + 12, true),
    mtime: view.getUint32(at + 16, true),
    dtime: view.getUint32(at + 20, true),
    linksCount: view.getUint16(at + 26, true),
    blocks: view.getUint32(at + 28, true),
    flags: view.getUint32(at + 32, true),
    block,
    sizeHigh: view.getUint32(at + 108, true),
  };
}

/**
 * Writes the fields Hako manages into an inode slot. Bytes it does not know
 * (generation, ACL, fragment and checksum fields, any extra inode area) are
 * left untouched, so rewriting another tool's inode keeps them.
 */
export function encodeInode(view: DataView, at: number, n: Inode): void {
  view.setUint16(at, n.mode, true);
  view.setUint16(at + 2, n.uid & 0xffff, true);
  view.setUint32(at + 4, n.size, true);
  view.setUint32(at + 8, n.atime >>> 0, true);
  view.setUint32(at + 12, n.ctime >>> 0, true);
  view.setUint32(at + 16, n.mtime >>> 0, true);
  view.setUint32(at + 20, n.dtime >>> 0, true);
  view.setUint16(at + 24, n.gid & 0xffff, true);
  view.setUint16(at + 26, n.linksCount, true);
  view.setUint32(at + 28, n.blocks, true);
  view.setUint32(at + 32, n.flags, true);
  for (let i = 0; i < N_BLOCKS; i++) view.setUint32(at + 40 + 4 * i, n.block[i] >>> 0, true);
  view.setUint32(at + 108, n.sizeHigh, true);
  view.setUint16(at + 120, n.uid >>> 16, true);
  view.setUint16(at + 122, n.gid >>> 16, true);
}

// ---- directory entries ----------------------------------------------------

/** Size of an entry header: inode u32, rec_len u16, name_len u8, file_type u8. */
export const DIRENT_HEADER = 8;

/** The smallest rec_len that holds a name of this many bytes. */
export function direntSize(nameLength: number): number {
  return (DIRENT_HEADER + nameLength + 3) & ~3;
}

export function encodeDirent(
  view: DataView, at: number, ino: number, recLen: number, name: Uint8Array, fileType: number,
): void {
  view.setUint32(at, ino, true);
  view.setUint16(at + 4, recLen, true);
  view.setUint8(at + 6, name.length);
  view.setUint8(at + 7, fileType);
  new Uint8Array(view.buffer, view.byteOffset + at + DIRENT_HEADER, name.length).set(name);
}

// ---- device numbers -------------------------------------------------------

/** i_block[0] and i_block[1] for a device node, Linux's encoding. */
export function encodeDevice(major: number, minor: number): [number, number] {
  if (major < 256 && minor < 256) return [(major << 8) | minor, 0];
  return [0, ((minor & 0xff) | (major << 8) | ((minor & ~0xff) << 12)) >>> 0];
}

export function decodeDevice(block0: number, block1: number): { major: number; minor: number } {
  if (block0 !== 0) return { major: (block0 >>> 8) & 0xff, minor: block0 & 0xff };
  return { major: (block1 >>> 8) & 0xfff, minor: (block1 & 0xff) | ((block1 >>> 12) & 0xfff00) };
}
