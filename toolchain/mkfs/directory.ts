// Directories: blocks of linked entries (inode, rec_len, name_len, type, name).
//
// Owns: parsing a directory's entries (checked: a corrupt entry is refused
// with its position, never read past its block), looking a name up, adding
// an entry, and writing the first block of a new directory. Invariants of
// every block we write: entries are 4-byte aligned, rec_len values chain
// exactly to the end of the block, '.' and '..' come first in block 0, and
// a directory's i_size is a whole number of blocks with no holes.

import { appendBlock, lookupBlock } from './block-map.ts';
import { corrupt, Ext2Error } from './errors.ts';
import {
  BLOCK_SIZE, DIRENT_HEADER, direntSize, encodeDirent, FT_DIR, INODE_FLAG_INDEX, NAME_MAX, type Inode,
} from './layout.ts';
import type { Volume } from './volume.ts';

export interface DirEntry {
  ino: number;
  name: Uint8Array;
  fileType: number;
  /** Disk block holding the entry and the entry's offset in it. */
  block: number;
  offset: number;
  recLen: number;
}

const DOT = new Uint8Array([0x2e]);
const DOTDOT = new Uint8Array([0x2e, 0x2e]);

function directoryBlockCount(vol: Volume, inode: Inode, owner: string): number {
  if (inode.size % BLOCK_SIZE !== 0) corrupt(`directory ${owner} has size ${inode.size}, not a multiple of the block size`);
  if (inode.size / BLOCK_SIZE > vol.blocksCount) corrupt(`directory ${owner} is larger than the file system`);
  return inode.size / BLOCK_SIZE;
}

/** One directory slot as forEachSlot reports it; the same object is reused for every slot. */
interface Slot {
  ino: number;
  recLen: number;
  /** 0 for an unused slot. */
  nameLen: number;
  fileType: number;
  /** Byte offset of the slot in the image, its block and its offset in the block. */
  at: number;
  block: number;
  offset: number;
}

function badSlot(owner: string, n: number, offset: number, what: string): never {
  corrupt(`directory ${owner}, block ${n}, offset ${offset}: ${what}`);
}

/**
 * Calls `visit` for each entry slot (used or not) of each block, checking
 * it first; stops when `visit` returns true. `lastBlockFirst` visits the
 * blocks from the end (where a growing directory has its free space).
 */
function forEachSlot(
  vol: Volume, inode: Inode, owner: string, visit: (slot: Slot) => boolean | void, lastBlockFirst = false,
): void {
  const count = directoryBlockCount(vol, inode, owner);
  const view = vol.view;
  const slot: Slot = { ino: 0, recLen: 0, nameLen: 0, fileType: 0, at: 0, block: 0, offset: 0 };
  for (let k = 0; k < count; k++) {
    const n = lastBlockFirst ? count - 1 - k : k;
    const block = lookupBlock(vol, inode, n, `directory ${owner}`);
    if (block === 0) corrupt(`directory ${owner} has a hole at block ${n}`);
    const base = block * BLOCK_SIZE;
    let offset = 0;
    while (offset < BLOCK_SIZE) {
      if (offset + DIRENT_HEADER > BLOCK_SIZE) badSlot(owner, n, offset, 'entry header crosses the end of the block');
      const at = base + offset;
      const ino = view.getUint32(at, true);
      const recLen = view.getUint16(at + 4, true);
      const nameLen = view.getUint8(at + 6);
      if (recLen < DIRENT_HEADER || recLen % 4 !== 0 || offset + recLen > BLOCK_SIZE) badSlot(owner, n, offset, `bad rec_len ${recLen}`);
      if (ino !== 0 && (nameLen === 0 || DIRENT_HEADER + nameLen > recLen)) badSlot(owner, n, offset, `bad name length ${nameLen}`);
      if (ino > vol.inodesCount) badSlot(owner, n, offset, `inode ${ino} out of range`);
      slot.ino = ino;
      slot.recLen = recLen;
      slot.nameLen = ino === 0 ? 0 : nameLen;
      slot.fileType = view.getUint8(at + 7);
      slot.at = at;
      slot.block = block;
      slot.offset = offset;
      if (visit(slot) === true) return;
      offset += recLen;
    }
  }
}

/** The used entries of a directory, '.' and '..' included. */
export function readDirectory(vol: Volume, inode: Inode, owner: string): DirEntry[] {
  const entries: DirEntry[] = [];
  forEachSlot(vol, inode, owner, (e) => {
    if (e.ino === 0) return;
    const name = vol.bytes.subarray(e.at + DIRENT_HEADER, e.at + DIRENT_HEADER + e.nameLen);
    entries.push({ ino: e.ino, name, fileType: e.fileType, block: e.block, offset: e.offset, recLen: e.recLen });
  });
  return entries;
}

function sameName(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function checkName(name: Uint8Array, shown: string): void {
  if (name.length === 0) throw new Ext2Error(`empty file name in "${shown}"`);
  if (name.length > NAME_MAX) throw new Ext2Error(`file name longer than ${NAME_MAX} bytes in "${shown}"`);
  if (name.includes(0x2f) || name.includes(0)) throw new Ext2Error(`file name with '/' or NUL in "${shown}"`);
  if (sameName(name, DOT) || sameName(name, DOTDOT)) throw new Ext2Error(`"." or ".." cannot be created: "${shown}"`);
}

/**
 * Adds name → ino to the directory `dirIno`: into a slot with room (splitting
 * an entry's slack; the last block is tried first), else into a new block. The caller has checked
 * the name is not there yet.
 */
export function addEntry(vol: Volume, dirIno: number, name: Uint8Array, ino: number, fileType: number, owner: string): void {
  const dir = vol.readInode(dirIno);
  // A hash index (dir_index) would go stale: drop it, as Linux does when it
  // changes such a directory without htree support. The linear entries stay valid.
  if (dir.flags & INODE_FLAG_INDEX) dir.flags &= ~INODE_FLAG_INDEX;
  const need = direntSize(name.length);
  const type = vol.hasFileType ? fileType : 0;
  let placed = false;
  forEachSlot(vol, dir, owner, (e) => {
    const used = e.ino === 0 ? 0 : direntSize(e.nameLen);
    if (e.recLen - used < need) return false;
    if (used === 0) {
      encodeDirent(vol.view, e.at, ino, e.recLen, name, type);
    } else {
      vol.view.setUint16(e.at + 4, used, true);
      encodeDirent(vol.view, e.at + used, ino, e.recLen - used, name, type);
    }
    placed = true;
    return true;
  }, true);
  if (!placed) {
    const n = dir.size / BLOCK_SIZE;
    const block = appendBlock(vol, dir, n);
    encodeDirent(vol.view, block * BLOCK_SIZE, ino, BLOCK_SIZE, name, type);
    dir.size += BLOCK_SIZE;
  }
  vol.writeInode(dirIno, dir);
}

/** Writes '.' and '..' as the whole first block of a new directory. */
export function writeEmptyDirectoryBlock(vol: Volume, block: number, self: number, parent: number): void {
  const base = block * BLOCK_SIZE;
  const type = vol.hasFileType ? FT_DIR : 0;
  const dotLen = direntSize(1);
  encodeDirent(vol.view, base, self, dotLen, DOT, type);
  encodeDirent(vol.view, base + dotLen, parent, BLOCK_SIZE - dotLen, DOTDOT, type);
}
