// Helpers for the tests that boot on deliberately damaged ext2 images
// (ext2-damage.test.ts, ext2-fuzz.test.ts): a small root disk with the
// whole userland, Debian's debugfs/dumpe2fs/e2fsck run on copies of it, a
// reader of directory records, and the problems e2fsck -fn reports, so a
// test can show the kernel added none to those the damage already caused.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildUserland } from '../../toolchain/userland-build.ts';
import { buildDiskImage } from '../../toolchain/os-build.ts';
import { ROOT } from './harness.ts';

export const BLOCK = 4096;

let userland: ReturnType<typeof buildUserland> | null = null;

/** The root disk of `mib` MiB with the whole userland (one block group when small), without
 * the manual and the kernel sources, whose inodes and blocks such a disk does not have. */
/** The small root disk's size: the whole userland, one block group, no manual. */
export const SMALL_DISK_MIB = 12;
export const SMALL_DISK_BLOCKS = (SMALL_DISK_MIB << 20) / 4096;

export function smallRootDisk(mib = SMALL_DISK_MIB): Uint8Array {
  if (!userland) {
    userland = buildUserland(ROOT);
    if (!userland.ok) throw new Error(`userland build failed:\n${userland.errors.join('\n')}`);
  }
  return buildDiskImage({ extraFiles: userland.files, time: 1764000000, sizeBytes: mib << 20, manual: false });
}

/** Runs fn on a temporary file holding image; returns fn's result and the file's bytes afterwards. */
function onFile<T>(image: Uint8Array, fn: (path: string) => T): { result: T; bytes: Uint8Array } {
  const dir = mkdtempSync(join(tmpdir(), 'hako-damage-'));
  try {
    const path = join(dir, 'disk.img');
    writeFileSync(path, image);
    const result = fn(path);
    return { result, bytes: new Uint8Array(readFileSync(path)) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A copy of image with debugfs -w commands applied (set_inode_field, set_bg, ...). */
export function debugfsWrite(image: Uint8Array, commands: string[]): Uint8Array {
  return onFile(image, (path) => {
    const cmdFile = `${path}.cmds`;
    writeFileSync(cmdFile, commands.join('\n') + '\n');
    const r = spawnSync('debugfs', ['-w', '-f', cmdFile, path], { encoding: 'utf8' });
    if (r.status !== 0 || /: (Ext2|Filesystem|Invalid|Couldn't|Unknown)/i.test(r.stderr)) {
      throw new Error(`debugfs ${commands.join('; ')}: ${r.stderr}`);
    }
  }).bytes;
}

/** debugfs -R command's output (read-only). */
export function debugfsRead(image: Uint8Array, command: string): string {
  return onFile(image, (path) => spawnSync('debugfs', ['-R', command, path], { encoding: 'utf8' }).stdout).result;
}

/** The first data block of a path (debugfs "blocks"). */
export function firstBlockOf(image: Uint8Array, path: string): number {
  const n = Number(debugfsRead(image, `blocks ${path}`).trim().split(/\s+/)[0]);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`no block for ${path}`);
  return n;
}

export interface Geometry {
  blocks: number;
  inodes: number;
  blockBitmap: number;
  inodeBitmap: number;
  inodeTable: number;
  inodeTableBlocks: number;
  /** Every block dumpe2fs names as metadata: superblock, descriptors, bitmaps, inode table. */
  metadata: Set<number>;
}

/** The volume's layout from dumpe2fs (one group, as smallRootDisk makes). */
export function geometry(image: Uint8Array): Geometry {
  const out = onFile(image, (path) => spawnSync('dumpe2fs', [path], { encoding: 'utf8' }).stdout).result;
  const num = (re: RegExp): number => {
    const m = re.exec(out);
    if (!m) throw new Error(`dumpe2fs: no ${re}`);
    return Number(m[1]);
  };
  const g = {
    blocks: num(/^Block count:\s+(\d+)/m),
    inodes: num(/^Inode count:\s+(\d+)/m),
    blockBitmap: num(/Block bitmap at (\d+)/),
    inodeBitmap: num(/Inode bitmap at (\d+)/),
    inodeTable: num(/Inode table at (\d+)-/),
    inodeTableBlocks: num(/Inode table at \d+-(\d+)/) - num(/Inode table at (\d+)-/) + 1,
    metadata: new Set<number>(),
  };
  if (num(/^Blocks per group:\s+(\d+)/m) < g.blocks) throw new Error('expected one block group');
  const desc = /Primary superblock at (\d+), Group descriptors at (\d+)-(\d+)/.exec(out);
  if (!desc) throw new Error('dumpe2fs: no superblock line');
  for (let b = Number(desc[1]); b <= Number(desc[3]); b++) g.metadata.add(b);
  g.metadata.add(g.blockBitmap).add(g.inodeBitmap);
  for (let b = 0; b < g.inodeTableBlocks; b++) g.metadata.add(g.inodeTable + b);
  return g;
}

export interface DirRecord { offset: number; inode: number; recLen: number; nameLen: number; name: string }

/** The records of directory block `block` (offsets from the start of the image). */
export function dirRecords(image: Uint8Array, block: number): DirRecord[] {
  const view = new DataView(image.buffer, image.byteOffset + block * BLOCK, BLOCK);
  const records: DirRecord[] = [];
  for (let off = 0; off < BLOCK;) {
    const recLen = view.getUint16(off + 4, true);
    const nameLen = view.getUint8(off + 6);
    const name = Buffer.from(image.subarray(block * BLOCK + off + 8, block * BLOCK + off + 8 + nameLen)).toString('latin1');
    records.push({ offset: block * BLOCK + off, inode: view.getUint32(off, true), recLen, nameLen, name });
    if (recLen < 12) break;
    off += recLen;
  }
  return records;
}

/**
 * What `e2fsck -fn` finds wrong: its output without the banner, the pass
 * headers and the closing summary (whose counts move with every file the
 * guest creates). Empty for a clean volume.
 */
export function fsckProblems(image: Uint8Array): string[] {
  const out = onFile(image, (path) => {
    const r = spawnSync('e2fsck', ['-fn', path], { encoding: 'utf8' });
    return `${r.stdout}\n${r.stderr}`;
  }).result;
  return out.split('\n').map((l) => l.trim()).filter((l) => l !== '' &&
    !/^e2fsck \d/.test(l) && !/^Pass \d/.test(l) && !/^hako-root: \d+\/\d+ files/.test(l) &&
    !/WARNING: Filesystem still has errors/.test(l));
}
