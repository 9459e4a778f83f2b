// Oracle tests for the ext2 builder: Debian's e2fsck must find every image
// clean, debugfs must read every file back byte for byte and report the
// modes, owners and times we asked for.

import { describe, expect, it } from 'vitest';
import { buildExt2, readExt2, type FsEntry } from '../../toolchain/mkfs/index.ts';
import { debugfs, debugfsStat, dumpe2fs, dumpe2fsHeader, fsck, imageFile, pattern, removeImage } from './mkfs-oracle.ts';

const MiB = 1024 * 1024;
const T0 = 1_700_000_000;

function expectClean(path: string): void {
  const r = fsck(path);
  expect(r.complaints, r.output).toEqual([]);
  expect(r.status, r.output).toBe(0);
}

/** Every regular file of the description reads back identically through debugfs. */
function expectFilesReadBack(path: string, entries: FsEntry[]): void {
  for (const e of entries) {
    if (e.type !== 'file') continue;
    // A view, not a copy: some of these files are over 100 MiB.
    const want = typeof e.data === 'string' ? Buffer.from(e.data) : Buffer.from(e.data.buffer, e.data.byteOffset, e.data.length);
    const got = debugfs(path, `cat ${e.path}`);
    expect(got.length, e.path).toBe(want.length);
    expect(got.equals(want), `${e.path} differs`).toBe(true);
  }
}

describe('buildExt2 checked by e2fsck and debugfs', () => {
  it('builds a small image with files, modes, owners and times that debugfs reports exactly', () => {
    const entries: FsEntry[] = [
      { type: 'dir', path: '/etc', mode: 0o755 },
      { type: 'file', path: '/etc/motd', data: 'Welcome to Hako.\n', mode: 0o644, uid: 0, gid: 0 },
      { type: 'file', path: '/home/ann/notes.txt', data: pattern(10_000, 1), mode: 0o600, uid: 1000, gid: 100,
        atime: T0 - 30, mtime: T0 - 20, ctime: T0 - 10 },
      { type: 'file', path: '/bin/tool', data: pattern(4096, 2), mode: 0o4755 },
      { type: 'dir', path: '/tmp', mode: 0o1777 },
      { type: 'file', path: '/empty', data: '' },
      { type: 'file', path: '/srv/wide-ids', data: 'x', uid: 70_000, gid: 100_000 },
    ];
    const img = buildExt2({ entries }, { sizeBytes: 8 * MiB, time: T0, volumeName: 'hako-root' });
    expect(img.length).toBe(8 * MiB);
    const path = imageFile(img);
    expectClean(path);
    expectFilesReadBack(path, entries);

    const notes = debugfsStat(path, '/home/ann/notes.txt');
    expect(notes).toMatchObject({ type: 'regular', mode: 0o600, uid: 1000, gid: 100, size: 10_000, links: 1,
      atime: T0 - 30, mtime: T0 - 20, ctime: T0 - 10, blockcount: 24 });
    expect(debugfsStat(path, '/bin/tool')).toMatchObject({ mode: 0o4755, size: 4096, atime: T0, mtime: T0, ctime: T0 });
    expect(debugfsStat(path, '/tmp')).toMatchObject({ type: 'directory', mode: 0o1777, links: 2 });
    expect(debugfsStat(path, '/empty')).toMatchObject({ size: 0, blockcount: 0 });
    // Implicit parents get 0755, and link counts count subdirectories.
    expect(debugfsStat(path, '/home')).toMatchObject({ type: 'directory', mode: 0o755, links: 3 });
    expect(debugfsStat(path, '/')).toMatchObject({ ino: 2, links: 2 + 6 }); // lost+found etc home bin tmp srv
    // uid/gid above 65535 use the high halves in osd2.
    expect(debugfsStat(path, '/srv/wide-ids')).toMatchObject({ uid: 70_000, gid: 100_000 });
    expect(debugfsStat(path, '/lost+found')).toMatchObject({ ino: 11, mode: 0o700 });

    const header = dumpe2fsHeader(path);
    expect(header.get('Filesystem revision #')).toBe('1 (dynamic)');
    expect(header.get('Filesystem features')).toBe('filetype sparse_super');
    expect(header.get('Block size')).toBe('4096');
    expect(header.get('Inode size')).toBe('128');
    expect(header.get('First inode')).toBe('11');
    expect(header.get('Filesystem volume name')).toBe('hako-root');
    expect(header.get('Filesystem state')).toBe('clean');
    removeImage(path);
  });

  it('stores a 64 MiB file through double-indirect blocks and reads it back', () => {
    const big = pattern(64 * MiB + 123, 3);
    const entries: FsEntry[] = [{ type: 'file', path: '/data/big.bin', data: big }];
    const img = buildExt2({ entries }, { sizeBytes: 80 * MiB, time: T0 });
    const path = imageFile(img);
    expectClean(path);
    expectFilesReadBack(path, entries);
    const blocks = Math.ceil(big.length / 4096);
    // data + 1 single-indirect + 1 double-indirect + the second-level tables it needs
    const secondLevel = Math.ceil((blocks - 12 - 1024) / 1024);
    expect(debugfsStat(path, '/data/big.bin').blockcount).toBe((blocks + 1 + 1 + secondLevel) * 8);
    removeImage(path);
  });

  it('makes fast symlinks up to 59 bytes and slow ones beyond', () => {
    const t59 = 'a/'.repeat(29) + 'b'; // 59 bytes
    const t60 = t59 + 'c';
    const t4095 = 'd'.repeat(4095);
    const img = buildExt2({ entries: [
      { type: 'symlink', path: '/l/short', target: '/etc/motd' },
      { type: 'symlink', path: '/l/fast59', target: t59 },
      { type: 'symlink', path: '/l/slow60', target: t60 },
      { type: 'symlink', path: '/l/slow4095', target: t4095, uid: 7, gid: 8 },
    ] }, { sizeBytes: 4 * MiB, time: T0 });
    const path = imageFile(img);
    expectClean(path);
    expect(debugfsStat(path, '/l/short')).toMatchObject({ type: 'symlink', mode: 0o777, size: 9, blockcount: 0, fastLink: '/etc/motd' });
    expect(debugfsStat(path, '/l/fast59')).toMatchObject({ size: 59, blockcount: 0, fastLink: t59 });
    const slow = debugfsStat(path, '/l/slow60');
    expect(slow).toMatchObject({ size: 60, blockcount: 8 });
    expect(slow.fastLink).toBeUndefined();
    expect(debugfs(path, 'cat /l/slow60').toString()).toBe(t60);
    expect(debugfsStat(path, '/l/slow4095')).toMatchObject({ size: 4095, blockcount: 8, uid: 7, gid: 8 });
    expect(debugfs(path, 'cat /l/slow4095').toString()).toBe(t4095);
    removeImage(path);
  });

  it('counts hard links and shares one inode among the names', () => {
    const img = buildExt2({ entries: [
      { type: 'file', path: '/bin/busy', data: pattern(5000, 4), mode: 0o755 },
      { type: 'hardlink', path: '/bin/ls', target: '/bin/busy' },
      { type: 'hardlink', path: '/usr/bin/cat', target: '/bin/busy' },
    ] }, { sizeBytes: 4 * MiB, time: T0 });
    const path = imageFile(img);
    expectClean(path);
    const a = debugfsStat(path, '/bin/busy');
    expect(a.links).toBe(3);
    expect(debugfsStat(path, '/bin/ls').ino).toBe(a.ino);
    expect(debugfsStat(path, '/usr/bin/cat').ino).toBe(a.ino);
    expect(debugfs(path, 'cat /usr/bin/cat').equals(Buffer.from(pattern(5000, 4)))).toBe(true);
    removeImage(path);
  });

  it('makes device nodes, FIFOs and sockets with Linux device numbers', () => {
    const img = buildExt2({ entries: [
      { type: 'chardev', path: '/dev/null', major: 1, minor: 3, mode: 0o666 },
      { type: 'chardev', path: '/dev/console', major: 5, minor: 1, mode: 0o600 },
      { type: 'blockdev', path: '/dev/hda', major: 3, minor: 0, mode: 0o660, gid: 6 },
      { type: 'chardev', path: '/dev/big', major: 300, minor: 70000 },
      { type: 'fifo', path: '/run/fifo' },
      { type: 'socket', path: '/run/sock' },
    ] }, { sizeBytes: 4 * MiB, time: T0 });
    const path = imageFile(img);
    expectClean(path);
    expect(debugfsStat(path, '/dev/null')).toMatchObject({ type: 'character special', mode: 0o666, device: '01:03' });
    expect(debugfsStat(path, '/dev/hda')).toMatchObject({ type: 'block special', mode: 0o660, gid: 6, device: '03:00' });
    expect(debugfsStat(path, '/dev/big').device).toBe('300:70000');
    expect(debugfsStat(path, '/run/fifo').type).toBe('FIFO');
    expect(debugfsStat(path, '/run/sock').type).toBe('socket');
    const r = readExt2(img);
    expect(r.stat('/dev/big')).toMatchObject({ kind: 'chardev', major: 300, minor: 70000 });
    expect(r.stat('/dev/console')).toMatchObject({ kind: 'chardev', major: 5, minor: 1 });
    removeImage(path);
  });

  it('holds thousands of files in one directory (directory blocks past the direct pointers) and many directories', () => {
    const entries: FsEntry[] = [];
    for (let i = 0; i < 3000; i++) entries.push({ type: 'file', path: `/many/file-with-a-longish-name-${i}`, data: `${i}\n` });
    for (let i = 0; i < 300; i++) entries.push({ type: 'dir', path: `/dirs/d${i}` });
    entries.push({ type: 'dir', path: '/empty-dir' });
    const img = buildExt2({ entries }, { sizeBytes: 32 * MiB, time: T0, inodeCount: 4096 });
    const path = imageFile(img);
    expectClean(path);
    const many = debugfsStat(path, '/many');
    expect(many.size / 4096).toBeGreaterThan(12); // the directory uses its single-indirect block
    expect(debugfsStat(path, '/dirs').links).toBe(302);
    expect(debugfsStat(path, '/empty-dir')).toMatchObject({ links: 2, size: 4096 });
    for (const i of [0, 1234, 2999]) expect(debugfs(path, `cat /many/file-with-a-longish-name-${i}`).toString()).toBe(`${i}\n`);
    expect(readExt2(img).list('/many')).toHaveLength(3000);
    removeImage(path);
  });

  it('nests directories 100 deep', () => {
    const deep = Array.from({ length: 100 }, (_, i) => `level${i}`).join('/');
    const img = buildExt2({ entries: [{ type: 'file', path: `/${deep}/bottom`, data: 'deep\n' }] }, { sizeBytes: 4 * MiB, time: T0 });
    const path = imageFile(img);
    expectClean(path);
    expect(debugfs(path, `cat /${deep}/bottom`).toString()).toBe('deep\n');
    removeImage(path);
  });

  it('builds a 160 MiB image with two block groups of 32768 blocks and a file that crosses them', () => {
    const big = pattern(130 * MiB, 5);
    const entries: FsEntry[] = [
      { type: 'file', path: '/a', data: 'first\n' },
      { type: 'file', path: '/huge', data: big },
      { type: 'file', path: '/z', data: 'last\n' },
    ];
    const img = buildExt2({ entries }, { sizeBytes: 160 * MiB, time: T0 });
    const path = imageFile(img);
    expectClean(path);
    const header = dumpe2fsHeader(path);
    expect(header.get('Blocks per group')).toBe('32768');
    expect(Number(header.get('Block count'))).toBe(40960);
    const groups = dumpe2fs(path).match(/^Group \d+:/gm) ?? [];
    expect(groups).toHaveLength(2);
    expect(dumpe2fs(path)).toMatch(/Group 1: .*\n\s+Backup superblock at 32768/);
    expectFilesReadBack(path, entries);
    removeImage(path);
  });

  it('spreads many small groups with sparse superblock backups in groups 0, 1, 3, 5, 7, 9', () => {
    const entries: FsEntry[] = [];
    for (let i = 0; i < 40; i++) entries.push({ type: 'file', path: `/f${i}`, data: pattern(300_000 + i, 10 + i) });
    const img = buildExt2({ entries }, { sizeBytes: 48 * MiB, time: T0, blocksPerGroup: 1024 });
    const path = imageFile(img);
    expectClean(path);
    const dump = dumpe2fs(path);
    const withBackup = [...dump.matchAll(/^Group (\d+): .*\n\s+(?:Primary|Backup) superblock/gm)].map((m) => Number(m[1]));
    expect(withBackup).toEqual([0, 1, 3, 5, 7, 9]);
    expect((dump.match(/^Group \d+:/gm) ?? []).length).toBe(12);
    expectFilesReadBack(path, entries);
    removeImage(path);
  });

  it('fills an image almost completely and stays clean', () => {
    const probe = readExt2(buildExt2({ entries: [] }, { sizeBytes: 4 * MiB, time: T0 }));
    const free = probe.info.freeBlocks;
    // A file of (free - 1 - 1) data blocks needs one single-indirect block too: one block stays free.
    const data = pattern((free - 2) * 4096, 6);
    const img = buildExt2({ entries: [{ type: 'file', path: '/fill', data }] }, { sizeBytes: 4 * MiB, time: T0 });
    expect(readExt2(img).info.freeBlocks).toBe(1);
    const path = imageFile(img);
    expectClean(path);
    expect(debugfs(path, 'cat /fill').equals(Buffer.from(data))).toBe(true);
    removeImage(path);
  });

  it('produces identical bytes for identical inputs, and different ones for another time', () => {
    const desc = { entries: [{ type: 'file', path: '/x', data: 'x' } as FsEntry] };
    const a = buildExt2(desc, { sizeBytes: 2 * MiB, time: T0 });
    const b = buildExt2(desc, { sizeBytes: 2 * MiB, time: T0 });
    const c = buildExt2(desc, { sizeBytes: 2 * MiB, time: T0 + 1 });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(a).equals(Buffer.from(c))).toBe(false);
    const uuid = new Uint8Array(16).map((_, i) => i * 17);
    const d = buildExt2(desc, { sizeBytes: 2 * MiB, time: T0, uuid });
    const path = imageFile(d);
    expect(dumpe2fsHeader(path).get('Filesystem UUID')).toBe('00112233-4455-6677-8899-aabbccddeeff');
    removeImage(path);
  });
});
