// Creating things in an ext2 Volume: directories, files, symlinks, device
// nodes, hard links — the operations both the image builder and addFiles use.
//
// Owns: the rules that keep the tree consistent as it grows. Invariants after
// every operation: a directory's link count is 2 + its subdirectories; a
// non-directory's is the number of entries naming it; a regular file's data
// fills logical blocks 0..⌈size/4096⌉-1 with no holes; symlinks of at most 59
// bytes live in i_block (fast, i_blocks = 0), longer ones in one data block.
// A path here is '/'-separated, relative to the root; '.' and '..' are refused.

import { appendBlock, freeAllBlocks } from './block-map.ts';
import { addEntry, checkName, readDirectory, writeEmptyDirectoryBlock } from './directory.ts';
import { Ext2Error } from './errors.ts';
import {
  BLOCK_SIZE, emptyInode, encodeDevice, FAST_SYMLINK_MAX, fileTypeOfMode, FT_DIR, MAX_FILE_SIZE, N_BLOCKS,
  PERMISSION_BITS, ROOT_INO, S_IFDIR, S_IFLNK, S_IFMT, S_IFREG, type Inode,
} from './layout.ts';
import type { Volume } from './volume.ts';

export interface NodeAttrs {
  /** Permission bits (07777). */
  perm: number;
  uid: number;
  gid: number;
  atime: number;
  mtime: number;
  ctime: number;
}

/** Linux's ext2 limit on links to one inode. */
const LINK_MAX = 32000;
/** Blocks given to lost+found up front, so e2fsck can reconnect files without allocating. */
const LOST_FOUND_BLOCKS = 4;
const MAX_SYMLINK = BLOCK_SIZE - 1;
const encoder = new TextEncoder();

/** Splits a path into its names, refusing '.', '..' and bad names. */
export function splitPath(path: string): Uint8Array[] {
  const names: Uint8Array[] = [];
  for (const part of path.split('/')) {
    if (part === '') continue;
    const bytes = encoder.encode(part);
    checkName(bytes, path);
    names.push(bytes);
  }
  return names;
}

/** A directory-name key: the name's bytes as a binary string (names need not be UTF-8). */
function nameKey(name: Uint8Array): string {
  return String.fromCharCode(...name);
}

export class FsWriter {
  /**
   * Names of the directories touched so far, so building a directory of n
   * entries costs O(n) lookups instead of O(n²) scans. Kept in step with
   * every entry this writer adds; nothing else writes the volume meanwhile.
   */
  private readonly names = new Map<number, Map<string, number>>();

  constructor(readonly vol: Volume) {}

  private find(dir: number, name: Uint8Array): number {
    let index = this.names.get(dir);
    if (!index) {
      index = new Map();
      for (const e of readDirectory(this.vol, this.vol.readInode(dir), String(dir))) index.set(nameKey(e.name), e.ino);
      this.names.set(dir, index);
    }
    return index.get(nameKey(name)) ?? 0;
  }

  private enter(dir: number, name: Uint8Array, ino: number, fileType: number): void {
    addEntry(this.vol, dir, name, ino, fileType, String(dir));
    this.names.get(dir)?.set(nameKey(name), ino);
  }

  /** Creates the root directory (inode 2) and /lost+found in a freshly formatted volume. */
  createRoot(rootAttrs: NodeAttrs, lostFoundAttrs: NodeAttrs): void {
    const vol = this.vol;
    vol.claimReservedInode(ROOT_INO, true);
    const root = this.newInode(S_IFDIR, rootAttrs);
    root.linksCount = 2;
    const block = appendBlock(vol, root, 0);
    writeEmptyDirectoryBlock(vol, block, ROOT_INO, ROOT_INO);
    root.size = BLOCK_SIZE;
    vol.writeInode(ROOT_INO, root);
    const lostFound = this.mkdir(ROOT_INO, encoder.encode('lost+found'), lostFoundAttrs);
    const inode = vol.readInode(lostFound);
    for (let n = 1; n < LOST_FOUND_BLOCKS; n++) {
      const empty = appendBlock(vol, inode, n);
      vol.view.setUint16(empty * BLOCK_SIZE + 4, BLOCK_SIZE, true); // one unused entry spanning the block
      inode.size += BLOCK_SIZE;
    }
    vol.writeInode(lostFound, inode);
  }

  /** The inode at `path`, or 0 when the last name is missing. Errors if a parent is missing or not a directory. */
  resolve(path: string): number {
    let ino = ROOT_INO;
    const names = splitPath(path);
    for (let i = 0; i < names.length; i++) {
      const dir = this.vol.readInode(ino);
      if ((dir.mode & S_IFMT) !== S_IFDIR) throw new Ext2Error('a parent is not a directory');
      ino = this.find(ino, names[i]);
      if (ino === 0) {
        if (i === names.length - 1) return 0;
        throw new Ext2Error('parent directory does not exist');
      }
    }
    return ino;
  }

  /** The directory at `path`, creating missing ones with `attrs` (mkdir -p). */
  ensureDirectory(path: string, attrs: NodeAttrs): number {
    let ino = ROOT_INO;
    for (const name of splitPath(path)) {
      const dir = this.vol.readInode(ino);
      if ((dir.mode & S_IFMT) !== S_IFDIR) throw new Ext2Error('a component of the path is not a directory');
      const next = this.find(ino, name);
      ino = next !== 0 ? next : this.mkdir(ino, name, attrs);
    }
    if ((this.vol.readInode(ino).mode & S_IFMT) !== S_IFDIR) throw new Ext2Error('a component of the path is not a directory');
    return ino;
  }

  /** Splits `path` into (parent directory inode, last name), creating parents with `parentAttrs`. */
  parentOf(path: string, parentAttrs: NodeAttrs): { parent: number; name: Uint8Array } {
    const names = splitPath(path);
    if (names.length === 0) throw new Ext2Error('names the root directory');
    const name = names[names.length - 1];
    const decoder = new TextDecoder();
    const parentPath = names.slice(0, -1).map((n) => decoder.decode(n)).join('/');
    return { parent: this.ensureDirectory(parentPath, parentAttrs), name };
  }

  mkdir(parent: number, name: Uint8Array, attrs: NodeAttrs): number {
    const vol = this.vol;
    const parentInode = vol.readInode(parent);
    if (parentInode.linksCount >= LINK_MAX) throw new Ext2Error(`too many subdirectories (${LINK_MAX}) in one directory`);
    const ino = vol.allocInode(true);
    const inode = this.newInode(S_IFDIR, attrs);
    inode.linksCount = 2;
    const block = appendBlock(vol, inode, 0);
    writeEmptyDirectoryBlock(vol, block, ino, parent);
    inode.size = BLOCK_SIZE;
    vol.writeInode(ino, inode);
    this.enter(parent, name, ino, FT_DIR);
    const updated = vol.readInode(parent);
    updated.linksCount++;
    vol.writeInode(parent, updated);
    return ino;
  }

  createFile(parent: number, name: Uint8Array, data: Uint8Array, attrs: NodeAttrs): number {
    const ino = this.vol.allocInode(false);
    const inode = this.newInode(S_IFREG, attrs);
    inode.linksCount = 1;
    this.writeData(inode, data);
    this.vol.writeInode(ino, inode);
    this.enter(parent, name, ino, fileTypeOfMode(S_IFREG));
    return ino;
  }

  /** Replaces a regular file's contents and attributes, keeping its inode and links. */
  replaceFile(ino: number, data: Uint8Array, attrs: NodeAttrs): void {
    const old = this.vol.readInode(ino);
    if ((old.mode & S_IFMT) !== S_IFREG) throw new Ext2Error('exists and is not a regular file');
    freeAllBlocks(this.vol, old, `inode ${ino}`);
    const inode = this.newInode(S_IFREG, attrs);
    inode.linksCount = old.linksCount;
    inode.flags = old.flags;
    this.writeData(inode, data);
    this.vol.writeInode(ino, inode);
  }

  symlink(parent: number, name: Uint8Array, target: string, attrs: NodeAttrs): number {
    const bytes = encoder.encode(target);
    if (bytes.length === 0) throw new Ext2Error('empty symlink target');
    if (bytes.length > MAX_SYMLINK) throw new Ext2Error(`symlink target longer than ${MAX_SYMLINK} bytes`);
    if (bytes.includes(0)) throw new Ext2Error('symlink target contains NUL');
    const ino = this.vol.allocInode(false);
    const inode = this.newInode(S_IFLNK, attrs);
    inode.linksCount = 1;
    inode.size = bytes.length;
    if (bytes.length <= FAST_SYMLINK_MAX) {
      const words = new Uint8Array(N_BLOCKS * 4);
      words.set(bytes);
      const view = new DataView(words.buffer);
      for (let i = 0; i < N_BLOCKS; i++) inode.block[i] = view.getUint32(i * 4, true);
    } else {
      const block = appendBlock(this.vol, inode, 0);
      this.vol.bytes.set(bytes, block * BLOCK_SIZE);
    }
    this.vol.writeInode(ino, inode);
    this.enter(parent, name, ino, fileTypeOfMode(S_IFLNK));
    return ino;
  }

  /** A device node, FIFO or socket; `typeBits` is S_IFCHR, S_IFBLK, S_IFIFO or S_IFSOCK. */
  mknod(parent: number, name: Uint8Array, typeBits: number, major: number, minor: number, attrs: NodeAttrs): number {
    if (!Number.isInteger(major) || !Number.isInteger(minor) || major < 0 || major > 0xfff || minor < 0 || minor > 0xfffff) {
      throw new Ext2Error(`device number ${major}:${minor} out of range (major 0..4095, minor 0..1048575)`);
    }
    const ino = this.vol.allocInode(false);
    const inode = this.newInode(typeBits, attrs);
    inode.linksCount = 1;
    [inode.block[0], inode.block[1]] = encodeDevice(major, minor);
    this.vol.writeInode(ino, inode);
    this.enter(parent, name, ino, fileTypeOfMode(typeBits));
    return ino;
  }

  /** Another name for an existing non-directory inode. */
  link(parent: number, name: Uint8Array, target: number): void {
    const inode = this.vol.readInode(target);
    if ((inode.mode & S_IFMT) === S_IFDIR) throw new Ext2Error('hard links to directories are not allowed');
    if (inode.linksCount >= LINK_MAX) throw new Ext2Error(`too many links (${LINK_MAX})`);
    inode.linksCount++;
    this.vol.writeInode(target, inode);
    this.enter(parent, name, target, fileTypeOfMode(inode.mode));
  }

  /** Sets mode bits, owner and times of an existing inode (its type stays). */
  setAttributes(ino: number, attrs: NodeAttrs): void {
    const inode = this.vol.readInode(ino);
    inode.mode = (inode.mode & S_IFMT) | (attrs.perm & PERMISSION_BITS);
    inode.uid = attrs.uid;
    inode.gid = attrs.gid;
    inode.atime = attrs.atime;
    inode.mtime = attrs.mtime;
    inode.ctime = attrs.ctime;
    this.vol.writeInode(ino, inode);
  }

  lookupIn(parent: number, name: Uint8Array): number {
    return this.find(parent, name);
  }

  private newInode(typeBits: number, attrs: NodeAttrs): Inode {
    const inode = emptyInode();
    inode.mode = typeBits | (attrs.perm & PERMISSION_BITS);
    inode.uid = attrs.uid;
    inode.gid = attrs.gid;
    inode.atime = attrs.atime;
    inode.mtime = attrs.mtime;
    inode.ctime = attrs.ctime;
    return inode;
  }

  /** Fills an inode with no blocks yet with `data`, block after block. */
  private writeData(inode: Inode, data: Uint8Array): void {
    if (data.length > MAX_FILE_SIZE) throw new Ext2Error(`file of ${data.length} bytes is larger than the 2 GiB limit`);
    const count = Math.ceil(data.length / BLOCK_SIZE);
    for (let n = 0; n < count; n++) {
      const block = appendBlock(this.vol, inode, n);
      this.vol.bytes.set(data.subarray(n * BLOCK_SIZE, Math.min(data.length, (n + 1) * BLOCK_SIZE)), block * BLOCK_SIZE);
    }
    inode.size = data.length;
  }
}
