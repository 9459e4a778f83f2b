// readExt2: a read-only view of an ext2 image, for tests and host tools.
//
// Owns: path lookup, listing, stat, reading file contents and symlink
// targets, and walking the whole tree. Paths are resolved without following
// symlinks (every path names the link itself, like lstat); '.' and '..'
// are resolved through the directory entries. Invariant: whatever the image
// holds, every method either answers or throws an Ext2Error with a reason —
// every pointer is checked by Volume/block-map/directory before use, the
// tree walk never revisits a directory, and sizes are bounded before any
// buffer is allocated.

import { MAX_LOGICAL_BLOCKS, ownedBlocks } from './block-map.ts';
import { readDirectory } from './directory.ts';
import { corrupt, Ext2Error } from './errors.ts';
import {
  BLOCK_SIZE, decodeDevice, N_BLOCKS, ROOT_INO, S_IFBLK, S_IFCHR, S_IFDIR, S_IFIFO, S_IFLNK, S_IFMT, S_IFREG,
  S_IFSOCK, type Inode,
} from './layout.ts';
import { Volume } from './volume.ts';

export type FileKind = 'file' | 'dir' | 'symlink' | 'chardev' | 'blockdev' | 'fifo' | 'socket';

export interface Ext2Stat {
  ino: number;
  kind: FileKind;
  /** Full i_mode: type and permission bits. */
  mode: number;
  uid: number;
  gid: number;
  size: number;
  links: number;
  atime: number;
  mtime: number;
  ctime: number;
  /** 512-byte sectors in use. */
  blocks: number;
  /** Device nodes only. */
  major?: number;
  minor?: number;
}

export interface Ext2DirEntry {
  name: string;
  ino: number;
}

export interface Ext2Info {
  blocksCount: number;
  freeBlocks: number;
  inodesCount: number;
  freeInodes: number;
  groups: number;
  volumeName: string;
  uuid: Uint8Array;
}

const KIND_OF_TYPE: Record<number, FileKind> = {
  [S_IFREG]: 'file', [S_IFDIR]: 'dir', [S_IFLNK]: 'symlink', [S_IFCHR]: 'chardev', [S_IFBLK]: 'blockdev',
  [S_IFIFO]: 'fifo', [S_IFSOCK]: 'socket',
};
const decoder = new TextDecoder();
const encoder = new TextEncoder();

export class Ext2Reader {
  private readonly vol: Volume;

  constructor(image: Uint8Array) {
    this.vol = Volume.open(image, false);
  }

  get info(): Ext2Info {
    const sb = this.vol.sb;
    return {
      blocksCount: sb.blocksCount, freeBlocks: sb.freeBlocksCount, inodesCount: sb.inodesCount,
      freeInodes: sb.freeInodesCount, groups: this.vol.groupCount, volumeName: sb.volumeName, uuid: sb.uuid,
    };
  }

  /** The inode number a path names (without following symlinks). */
  lookup(path: string): number {
    let ino = ROOT_INO;
    for (const part of path.split('/')) {
      if (part === '' || part === '.') continue;
      const inode = this.inode(ino);
      if ((inode.mode & S_IFMT) !== S_IFDIR) throw new Ext2Error(`${path}: not a directory on the way`);
      const want = encoder.encode(part);
      const hit = readDirectory(this.vol, inode, String(ino)).find((e) => sameBytes(e.name, want));
      if (!hit) throw new Ext2Error(`${path}: no such file or directory`);
      ino = hit.ino;
    }
    return ino;
  }

  stat(path: string): Ext2Stat {
    return this.statInode(this.lookup(path));
  }

  statInode(ino: number): Ext2Stat {
    const n = this.inode(ino);
    const kind = KIND_OF_TYPE[n.mode & S_IFMT];
    if (!kind) corrupt(`inode ${ino} has unknown file type in mode 0${n.mode.toString(8)}`);
    const st: Ext2Stat = {
      ino, kind, mode: n.mode, uid: n.uid, gid: n.gid, size: n.size, links: n.linksCount,
      atime: n.atime, mtime: n.mtime, ctime: n.ctime, blocks: n.blocks,
    };
    if (kind === 'chardev' || kind === 'blockdev') Object.assign(st, decodeDevice(n.block[0], n.block[1]));
    return st;
  }

  /** Names in a directory, without '.' and '..', in on-disk order. */
  list(path: string): Ext2DirEntry[] {
    const ino = this.lookup(path);
    const inode = this.inode(ino);
    if ((inode.mode & S_IFMT) !== S_IFDIR) throw new Ext2Error(`${path}: not a directory`);
    return readDirectory(this.vol, inode, path)
      .map((e) => ({ name: decoder.decode(e.name), ino: e.ino }))
      .filter((e) => e.name !== '.' && e.name !== '..');
  }

  readFile(path: string): Uint8Array {
    const ino = this.lookup(path);
    const inode = this.inode(ino);
    if ((inode.mode & S_IFMT) !== S_IFREG) throw new Ext2Error(`${path}: not a regular file`);
    return this.contents(inode, path);
  }

  readlink(path: string): string {
    const inode = this.inode(this.lookup(path));
    if ((inode.mode & S_IFMT) !== S_IFLNK) throw new Ext2Error(`${path}: not a symlink`);
    if (inode.size >= BLOCK_SIZE) corrupt(`${path}: symlink of ${inode.size} bytes`);
    if (inode.blocks === 0) {
      if (inode.size > N_BLOCKS * 4) corrupt(`${path}: fast symlink of ${inode.size} bytes`);
      const raw = new Uint8Array(N_BLOCKS * 4);
      const view = new DataView(raw.buffer);
      for (let i = 0; i < N_BLOCKS; i++) view.setUint32(i * 4, inode.block[i], true);
      return decoder.decode(raw.subarray(0, inode.size));
    }
    return decoder.decode(this.contents(inode, path));
  }

  /** Every path in the tree (depth first, '/' first), with its stat. */
  walk(): { path: string; stat: Ext2Stat }[] {
    const out: { path: string; stat: Ext2Stat }[] = [{ path: '/', stat: this.statInode(ROOT_INO) }];
    const visited = new Set<number>([ROOT_INO]);
    const visit = (dirIno: number, prefix: string) => {
      for (const e of readDirectory(this.vol, this.inode(dirIno), prefix || '/')) {
        const name = decoder.decode(e.name);
        if (name === '.' || name === '..') continue;
        const path = `${prefix}/${name}`;
        const stat = this.statInode(e.ino);
        out.push({ path, stat });
        if (stat.kind === 'dir') {
          if (visited.has(e.ino)) corrupt(`directory inode ${e.ino} is reachable twice (at ${path})`);
          visited.add(e.ino);
          visit(e.ino, path);
        }
      }
    };
    visit(ROOT_INO, '');
    return out;
  }

  private inode(ino: number): Inode {
    if (!this.vol.isInodeUsed(ino)) corrupt(`a directory entry names inode ${ino}, which is free`);
    return this.vol.readInode(ino);
  }

  private contents(inode: Inode, path: string): Uint8Array {
    if (inode.sizeHigh !== 0 && (inode.mode & S_IFMT) === S_IFREG) throw new Ext2Error(`${path}: files of 4 GiB or more are not supported`);
    // A corrupt size must not make us allocate gigabytes: no file can hold more than the whole file system.
    const capacity = Math.min(this.vol.blocksCount, MAX_LOGICAL_BLOCKS) * BLOCK_SIZE;
    if (inode.size > capacity) corrupt(`${path}: size ${inode.size} is larger than the file system`);
    const count = Math.ceil(inode.size / BLOCK_SIZE);
    const { data } = ownedBlocks(this.vol, inode, count, path);
    const out = new Uint8Array(inode.size);
    for (let n = 0; n < count; n++) {
      if (data[n] === 0) continue; // a hole reads as zeros
      const from = data[n] * BLOCK_SIZE;
      out.set(this.vol.bytes.subarray(from, from + Math.min(BLOCK_SIZE, inode.size - n * BLOCK_SIZE)), n * BLOCK_SIZE);
    }
    return out;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Opens an image for reading; throws Ext2Error if it is not a usable ext2 image. */
export function readExt2(image: Uint8Array): Ext2Reader {
  return new Ext2Reader(image);
}
