// buildExt2's refusals (bad descriptions, impossible sizes, running out of
// blocks or inodes) and its geometry choices.

import { describe, expect, it } from 'vitest';
import { buildExt2, Ext2Error, readExt2, type FsEntry } from '../../toolchain/mkfs/index.ts';
import { planGeometry } from '../../toolchain/mkfs/geometry.ts';
import { dumpe2fsHeader, fsck, imageFile, removeImage } from './mkfs-oracle.ts';

const MiB = 1024 * 1024;

function build(entries: FsEntry[], sizeBytes = 2 * MiB, extra: object = {}): Uint8Array {
  return buildExt2({ entries }, { sizeBytes, time: 1, ...extra });
}

describe('buildExt2 refuses bad descriptions with a clear error', () => {
  const cases: [string, FsEntry[], RegExp][] = [
    ['a path given twice', [{ type: 'file', path: '/a', data: '' }, { type: 'dir', path: 'a/' }], /"a\/" appears twice/],
    ['a ".." component', [{ type: 'file', path: '/a/../b', data: '' }], /"\." or "\.\." cannot be created/],
    ['a name of 256 bytes', [{ type: 'file', path: '/' + 'n'.repeat(256), data: '' }], /longer than 255 bytes/],
    ['mode bits beyond 07777', [{ type: 'file', path: '/a', data: '', mode: 0o100644 }], /mode must be permission bits 0\.\.07777/],
    ['a negative uid', [{ type: 'dir', path: '/a', uid: -1 }], /uid must be an integer/],
    ['an unknown type', [{ type: 'pipe', path: '/a' } as unknown as FsEntry], /unknown type "pipe"/],
    ['a hard link to nothing', [{ type: 'hardlink', path: '/a', target: '/nope' }], /^\/a: hard link target "\/nope" does not exist/],
    ['a hard link to a directory', [{ type: 'dir', path: '/d' }, { type: 'hardlink', path: '/a', target: '/d' }], /hard links to directories are not allowed/],
    ['a file under a file', [{ type: 'file', path: '/f', data: '' }, { type: 'file', path: '/f/g', data: '' }], /^\/f\/g: a component of the path is not a directory/],
    ['a symlink target of 4096 bytes', [{ type: 'symlink', path: '/l', target: 'x'.repeat(4096) }], /symlink target longer than 4095 bytes/],
    ['an empty symlink target', [{ type: 'symlink', path: '/l', target: '' }], /empty symlink target/],
    ['a major number past 4095', [{ type: 'chardev', path: '/c', major: 4096, minor: 0 }], /device number 4096:0 out of range/],
    ['a file as the root', [{ type: 'file', path: '/', data: '' }], /only a directory can be the root/],
    ['file data that is neither string nor bytes', [{ type: 'file', path: '/a', data: 5 as unknown as string }], /data must be a string or Uint8Array/],
  ];
  for (const [what, entries, message] of cases) {
    it(`refuses ${what}`, () => {
      expect(() => build(entries)).toThrow(Ext2Error);
      expect(() => build(entries)).toThrow(message);
    });
  }

  it('refuses sizes that are not whole blocks or too small for the metadata', () => {
    expect(() => build([], 1000)).toThrow(/image size 1000 is not a positive multiple of 4096 bytes/);
    expect(() => build([], 32 * 4096)).toThrow(/image size 131072 is too small: this geometry needs at least 225280 bytes/);
    expect(() => build([], 2 * MiB, { blocksPerGroup: 1004 })).toThrow(/blocks per group 1004 must be a multiple of 8/);
  });

  it('refuses a volume name over 16 bytes and a uuid that is not 16 bytes', () => {
    expect(() => build([], 2 * MiB, { volumeName: 'a-very-long-volume-name' })).toThrow(/volume name "a-very-long-volume-name" is longer than 16 bytes/);
    expect(() => build([], 2 * MiB, { uuid: new Uint8Array(15) })).toThrow(/uuid must be 16 bytes, got 15/);
  });

  it('says which file ran out of space, and which ran out of inodes', () => {
    expect(() => build([{ type: 'file', path: '/big', data: new Uint8Array(3 * MiB) }])).toThrow(/^\/big: no space left on the file system/);
    const many: FsEntry[] = Array.from({ length: 200 }, (_, i) => ({ type: 'file', path: `/f${i}`, data: '' }));
    expect(() => build(many)).toThrow(/^\/f117: no free inodes left on the file system/); // 128 inodes, 11 used before
  });
});

describe('geometry', () => {
  it('fills whole inode-table blocks and follows bytes-per-inode', () => {
    const g = planGeometry({ sizeBytes: 64 * MiB });
    expect(g.inodesPerGroup).toBe(4096); // 64 MiB / 16 KiB
    expect(g.inodeTableBlocks).toBe(128);
    expect(planGeometry({ sizeBytes: 64 * MiB, inodeCount: 100 }).inodesPerGroup).toBe(128);
    expect(planGeometry({ sizeBytes: 64 * MiB, bytesPerInode: 8192 }).inodesPerGroup).toBe(8192);
    const multi = planGeometry({ sizeBytes: 40 * MiB, blocksPerGroup: 2048 });
    expect(multi.groups).toHaveLength(5);
    expect(multi.inodesPerGroup % 32).toBe(0);
    expect(multi.groups.map((x) => x.hasSuperblock)).toEqual([true, true, false, true, false]);
  });

  it('reserves blocks for root when asked, and e2fsck agrees with the count', () => {
    const img = build([], 8 * MiB, { reservedPercent: 5 });
    const path = imageFile(img);
    const r = fsck(path);
    expect(r.complaints, r.output).toEqual([]);
    expect(r.status).toBe(0);
    expect(dumpe2fsHeader(path).get('Reserved block count')).toBe(String(Math.floor(2048 * 5 / 100)));
    removeImage(path);
  });

  it('drops a last group too small for its own metadata, as mke2fs does', () => {
    const size = 32768 * 4096 + 40 * 4096;
    const g = planGeometry({ sizeBytes: size });
    expect(g.blocksCount).toBe(32768);
    expect(g.groups).toHaveLength(1);
    const img = buildExt2({ entries: [{ type: 'file', path: '/x', data: 'x' }] }, { sizeBytes: size, time: 1 });
    expect(readExt2(img).info).toMatchObject({ blocksCount: 32768, groups: 1 });
    const path = imageFile(img);
    const r = fsck(path);
    expect(r.complaints, r.output).toEqual([]);
    expect(r.status).toBe(0);
    removeImage(path);
  });
});
