// readExt2 on good images (it agrees with what was built) and on corrupt
// ones (each refused with a reason; random corruption never escapes as
// anything but an Ext2Error).

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addFiles, buildExt2, Ext2Error, readExt2, type FsEntry } from '../../toolchain/mkfs/index.ts';
import { imageFile, pattern, removeImage } from './mkfs-oracle.ts';

const MiB = 1024 * 1024;
const T0 = 1_650_000_000;

const ENTRIES: FsEntry[] = [
  { type: 'file', path: '/etc/passwd', data: 'root:x:0:0:root:/root:/bin/sh\n', mode: 0o644 },
  { type: 'file', path: '/bin/prog', data: pattern(60_000, 1), mode: 0o755, uid: 3, gid: 4 },
  { type: 'symlink', path: '/bin/fast', target: 'prog' },
  { type: 'symlink', path: '/bin/slow', target: '/' + 'long/'.repeat(20) + 'prog' },
  { type: 'dir', path: '/var/log' },
  { type: 'chardev', path: '/dev/zero', major: 1, minor: 5, mode: 0o666 },
  { type: 'hardlink', path: '/bin/prog2', target: '/bin/prog' },
];

function image(): Uint8Array {
  return buildExt2({ entries: ENTRIES }, { sizeBytes: 2 * MiB, time: T0 });
}

/** Byte offset of an inode in our images (one group; the inode table pointer is in the descriptor). */
function inodeOffset(img: Uint8Array, ino: number): number {
  const table = new DataView(img.buffer, img.byteOffset).getUint32(4096 + 8, true);
  return table * 4096 + (ino - 1) * 128;
}

function u32(img: Uint8Array, at: number): number {
  return new DataView(img.buffer, img.byteOffset).getUint32(at, true);
}

function setU32(img: Uint8Array, at: number, v: number): void {
  new DataView(img.buffer, img.byteOffset).setUint32(at, v, true);
}

describe('readExt2 on images it built', () => {
  it('lists, stats and reads back exactly what the description held', () => {
    const r = readExt2(image());
    // Depth first, in on-disk order: directories were laid down first, then files, then hard links.
    expect(r.walk().map((w) => w.path)).toEqual([
      '/', '/lost+found', '/var', '/var/log', '/etc', '/etc/passwd', '/bin', '/bin/prog', '/bin/fast', '/bin/slow',
      '/bin/prog2', '/dev', '/dev/zero',
    ]);
    expect(new TextDecoder().decode(r.readFile('/etc/passwd'))).toBe('root:x:0:0:root:/root:/bin/sh\n');
    expect(r.readFile('/bin/prog')).toEqual(pattern(60_000, 1));
    expect(r.readlink('/bin/fast')).toBe('prog');
    expect(r.readlink('/bin/slow')).toBe('/' + 'long/'.repeat(20) + 'prog');
    expect(r.stat('/bin/prog')).toMatchObject({ kind: 'file', mode: 0o100755, uid: 3, gid: 4, links: 2, size: 60_000, mtime: T0 });
    expect(r.stat('/bin/prog2').ino).toBe(r.stat('/bin/prog').ino);
    expect(r.stat('/var/log')).toMatchObject({ kind: 'dir', mode: 0o40755, links: 2 });
    expect(r.stat('/dev/zero')).toMatchObject({ kind: 'chardev', major: 1, minor: 5 });
    expect(r.list('/bin').map((e) => e.name)).toEqual(['prog', 'fast', 'slow', 'prog2']);
    expect(r.info).toMatchObject({ blocksCount: 512, groups: 1, inodesCount: 128 });
  });

  it('answers misuse with Ext2Error messages', () => {
    const r = readExt2(image());
    expect(() => r.readFile('/nope')).toThrow(/\/nope: no such file or directory/);
    expect(() => r.readFile('/bin')).toThrow(/not a regular file/);
    expect(() => r.list('/etc/passwd')).toThrow(/not a directory/);
    expect(() => r.readlink('/etc/passwd')).toThrow(/not a symlink/);
    expect(() => r.stat('/etc/passwd/x')).toThrow(/not a directory on the way/);
  });
});

describe('readExt2 on corrupt images', () => {
  it('refuses a directory entry with a zero rec_len', () => {
    const img = image();
    const root = readExt2(img).stat('/');
    const rootBlock = u32(img, inodeOffset(img, root.ino) + 40);
    img[rootBlock * 4096 + 4] = 0;
    img[rootBlock * 4096 + 5] = 0;
    expect(() => readExt2(img).list('/')).toThrow(/corrupt ext2 image: directory .*block 0, offset 0: bad rec_len 0/);
  });

  it('refuses a block pointer outside the file system', () => {
    const img = image();
    const ino = readExt2(img).stat('/etc/passwd').ino;
    setU32(img, inodeOffset(img, ino) + 40, 999_999);
    expect(() => readExt2(img).readFile('/etc/passwd')).toThrow(/points to block 999999, outside 1\.\.511/);
  });

  it('refuses an indirect block that points to itself', () => {
    const img = image();
    const ino = readExt2(img).stat('/bin/prog').ino;
    const indirect = u32(img, inodeOffset(img, ino) + 40 + 12 * 4);
    setU32(img, inodeOffset(img, ino) + 40 + 13 * 4, indirect); // double-indirect = the single-indirect block
    setU32(img, indirect * 4096, indirect);
    expect(() => readExt2(img).readFile('/bin/prog')).toThrow(/uses indirect block \d+ twice/);
  });

  it('refuses a file size larger than the whole file system', () => {
    const img = image();
    const ino = readExt2(img).stat('/etc/passwd').ino;
    setU32(img, inodeOffset(img, ino) + 4, 0xfffffff0);
    expect(() => readExt2(img).readFile('/etc/passwd')).toThrow(/larger than the file system/);
  });

  it('refuses a directory cycle during a walk', () => {
    const img = image();
    const r = readExt2(img);
    const log = r.stat('/var/log');
    // Point /var/log's '..' (second entry of its first block) at /var/log itself, then rename it as a child.
    const block = u32(img, inodeOffset(img, log.ino) + 40);
    // Turn the '.' entry into an entry named 'x' that names /var (its parent): /var → log → x=/var → …
    const var_ = r.stat('/var').ino;
    setU32(img, block * 4096, var_);
    img[block * 4096 + 8] = 0x78; // '.' → 'x'
    expect(() => readExt2(img).walk()).toThrow(/reachable twice/);
  });

  it('refuses an inode table outside the image and unknown incompatible features', () => {
    const a = image();
    setU32(a, 4096 + 8, 0x0fffffff);
    expect(() => readExt2(a)).toThrow(/group 0 descriptor points outside the file system/);
    const b = image();
    setU32(b, 1024 + 96, u32(b, 1024 + 96) | 0x40); // INCOMPAT_EXTENTS
    expect(() => readExt2(b)).toThrow(/unsupported ext2 incompatible features 0x40/);
  });

  it('refuses 1 KiB-block file systems as unsupported', () => {
    const path = imageFile(new Uint8Array(2 * MiB));
    execFileSync('mke2fs', ['-q', '-F', '-t', 'ext2', '-b', '1024', path], { stdio: 'ignore' });
    const img = new Uint8Array(readFileSync(path));
    removeImage(path);
    expect(() => readExt2(img)).toThrow(/unsupported block size 1024: only 4 KiB blocks are supported/);
  });

  it('never throws anything but Ext2Error on randomly corrupted images (reading and adding)', () => {
    const clean = image();
    let seed = 12345;
    const rand = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    let refused = 0;
    let survived = 0;
    for (let round = 0; round < 400; round++) {
      const img = clean.slice();
      const hits = 1 + rand(8);
      for (let h = 0; h < hits; h++) {
        // Aim at the metadata: superblock, descriptors, bitmaps, inode table, the first directory/data blocks.
        const block = rand(4) === 0 ? 0 : rand(1 + rand(24));
        img[block * 4096 + (block === 0 ? 1024 + rand(256) : rand(4096))] = rand(256);
      }
      try {
        const r = readExt2(img);
        for (const { path, stat } of r.walk()) {
          if (stat.kind === 'file') r.readFile(path);
          if (stat.kind === 'symlink') r.readlink(path);
          if (stat.kind === 'dir') r.list(path);
        }
        addFiles(img, [{ guestPath: '/bin/new', data: pattern(50_000, round) }], { time: T0 });
        survived++;
      } catch (err) {
        if (!(err instanceof Ext2Error)) throw new Error(`round ${round}: ${String(err)}\n${(err as Error).stack}`);
        refused++;
      }
    }
    // Both outcomes happen: some corruptions are harmless, most are caught.
    expect(refused).toBeGreaterThan(50);
    expect(survived).toBeGreaterThan(10);
  });
});
