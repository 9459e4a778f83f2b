// addFiles: writing host files into an existing image, checked by e2fsck and
// debugfs — on our own images and on one made by Debian's mke2fs.

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addFiles, buildExt2, Ext2Error, readExt2 } from '../../toolchain/mkfs/index.ts';
import { debugfs, debugfsStat, fsck, imageFile, pattern, removeImage } from './mkfs-oracle.ts';

const MiB = 1024 * 1024;
const T0 = 1_700_000_000;

function expectClean(path: string): void {
  const r = fsck(path);
  expect(r.complaints, r.output).toEqual([]);
  expect(r.status, r.output).toBe(0);
}

function base(): Uint8Array {
  return buildExt2({ entries: [
    { type: 'dir', path: '/bin' },
    { type: 'file', path: '/etc/motd', data: 'old motd\n' },
    { type: 'file', path: '/etc/big', data: pattern(200_000, 1) },
    { type: 'hardlink', path: '/etc/big-link', target: '/etc/big' },
  ] }, { sizeBytes: 16 * MiB, time: T0 });
}

describe('addFiles', () => {
  it('adds files, creates parent directories, replaces existing files, and leaves the input untouched', () => {
    const img = base();
    const before = Buffer.from(img);
    const hello = pattern(12_345, 2);
    const large = pattern(5 * MiB + 7, 3);
    const out = addFiles(img, [
      { guestPath: '/bin/hello', data: hello, mode: 0o755 },
      { guestPath: '/home/user/projects/big.dat', data: large, uid: 1000, gid: 1000 },
      { guestPath: '/etc/motd', data: new TextEncoder().encode('new motd, longer than before\n') },
      { guestPath: '/etc/big', data: pattern(10, 4) },
    ], { time: T0 + 100 });
    expect(Buffer.from(img).equals(before)).toBe(true);
    const path = imageFile(out);
    expectClean(path);
    expect(debugfs(path, 'cat /bin/hello').equals(Buffer.from(hello))).toBe(true);
    expect(debugfs(path, 'cat /home/user/projects/big.dat').equals(Buffer.from(large))).toBe(true);
    expect(debugfs(path, 'cat /etc/motd').toString()).toBe('new motd, longer than before\n');
    expect(debugfsStat(path, '/bin/hello')).toMatchObject({ type: 'regular', mode: 0o755, mtime: T0 + 100, ctime: T0 + 100 });
    expect(debugfsStat(path, '/home/user/projects/big.dat')).toMatchObject({ mode: 0o644, uid: 1000, gid: 1000 });
    expect(debugfsStat(path, '/home/user')).toMatchObject({ type: 'directory', mode: 0o755, uid: 0 });
    // Replacing keeps the inode, so the hard link sees the new contents.
    const big = debugfsStat(path, '/etc/big');
    expect(big).toMatchObject({ size: 10, links: 2 });
    expect(debugfsStat(path, '/etc/big-link').ino).toBe(big.ino);
    expect(debugfs(path, 'cat /etc/big-link').equals(Buffer.from(pattern(10, 4)))).toBe(true);
    // Block accounting: hello 4 blocks; 3 new directories 1 each; big.dat 1281 data + single + double
    // indirect + one second-level table; the old /etc/big gives back 49 data + 1 indirect and takes 1.
    const used = 4 + 3 + (1281 + 3) - (49 + 1) + 1;
    expect(readExt2(out).info.freeBlocks).toBe(readExt2(img).info.freeBlocks - used);
    removeImage(path);
  });

  it('grows a directory by new blocks as entries are added', () => {
    const files = Array.from({ length: 700 }, (_, i) => ({ guestPath: `/usr/share/doc/entry-number-${i}`, data: pattern(i, i) }));
    const out = addFiles(base(), files, { time: T0 });
    const path = imageFile(out);
    expectClean(path);
    expect(debugfsStat(path, '/usr/share/doc').size).toBeGreaterThan(4096);
    expect(readExt2(out).list('/usr/share/doc')).toHaveLength(700);
    expect(debugfs(path, 'cat /usr/share/doc/entry-number-699').equals(Buffer.from(pattern(699, 699)))).toBe(true);
    removeImage(path);
  });

  it('reads and extends an image made by Debian mke2fs (256-byte inodes, resize inode, dir_index) and debugfs', () => {
    const path = imageFile(new Uint8Array(0));
    execFileSync('truncate', ['-s', `${16 * MiB}`, path]);
    execFileSync('mke2fs', ['-q', '-F', '-t', 'ext2', '-b', '4096', '-I', '256', path], { stdio: 'ignore' });
    const host = `${path}.host`;
    writeFileSync(host, pattern(70_000, 9));
    execFileSync('debugfs', ['-w', '-R', `write ${host} theirs.bin`, path], { stdio: 'ignore' });
    execFileSync('debugfs', ['-w', '-R', 'mkdir /etc', path], { stdio: 'ignore' });
    const image = new Uint8Array(readFileSync(path));
    const reader = readExt2(image);
    expect(reader.readFile('/theirs.bin')).toEqual(pattern(70_000, 9));
    expect(reader.stat('/etc').kind).toBe('dir');
    const out = addFiles(image, [
      { guestPath: '/etc/ours', data: pattern(9000, 10) },
      { guestPath: '/a/b/c', data: pattern(1, 11) },
    ], { time: T0 });
    writeFileSync(path, out);
    expectClean(path);
    expect(debugfs(path, 'cat /etc/ours').equals(Buffer.from(pattern(9000, 10)))).toBe(true);
    expect(debugfs(path, 'cat /theirs.bin').equals(Buffer.from(pattern(70_000, 9)))).toBe(true);
    removeImage(path);
    removeImage(host);
  });

  it('adds a file that spans several block groups and replaces one in a later group', () => {
    const img = buildExt2({ entries: [{ type: 'file', path: '/first', data: pattern(6 * MiB, 20) }] },
      { sizeBytes: 24 * MiB, time: T0, blocksPerGroup: 1024 });
    const big = pattern(10 * MiB, 21);
    const once = addFiles(img, [{ guestPath: '/var/big', data: big }], { time: T0 });
    const twice = addFiles(once, [{ guestPath: '/first', data: pattern(100, 22) }, { guestPath: '/var/big', data: pattern(9 * MiB, 23) }], { time: T0 });
    for (const [image, files] of [[once, { '/var/big': big }], [twice, { '/first': pattern(100, 22), '/var/big': pattern(9 * MiB, 23) }]] as const) {
      const path = imageFile(image);
      expectClean(path);
      for (const [guest, data] of Object.entries(files)) expect(debugfs(path, `cat ${guest}`).equals(Buffer.from(data)), guest).toBe(true);
      removeImage(path);
    }
  });

  it('refuses to add past the last free inode', () => {
    const img = buildExt2({ entries: [] }, { sizeBytes: 2 * MiB, time: T0, inodeCount: 32 }); // 21 free
    const files = Array.from({ length: 22 }, (_, i) => ({ guestPath: `/f${i}`, data: new Uint8Array(1) }));
    expect(() => addFiles(img, files)).toThrow(/^\/f21: no free inodes left on the file system$/);
    const path = imageFile(addFiles(img, files.slice(0, 21)));
    expectClean(path);
    removeImage(path);
  });

  it('refuses a file that does not fit, with a clear error, and changes nothing', () => {
    const img = base();
    const before = Buffer.from(img);
    const free = readExt2(img).info.freeBlocks;
    expect(() => addFiles(img, [
      { guestPath: '/ok', data: pattern(100, 1) },
      { guestPath: '/too/big', data: new Uint8Array(free * 4096) },
    ])).toThrow(/^\/too\/big: no space left on the file system/);
    expect(Buffer.from(img).equals(before)).toBe(true);
    expect(() => readExt2(img).stat('/ok')).toThrow(Ext2Error);
  });

  it('refuses to overwrite a directory or to go through a file', () => {
    expect(() => addFiles(base(), [{ guestPath: '/bin', data: new Uint8Array(1) }])).toThrow(/^\/bin: exists and is not a regular file/);
    expect(() => addFiles(base(), [{ guestPath: '/etc/motd/x', data: new Uint8Array(1) }])).toThrow(/^\/etc\/motd\/x: a component of the path is not a directory/);
    expect(() => addFiles(base(), [{ guestPath: '/x', data: new Uint8Array(1), mode: 0o40755 }])).toThrow(/not a regular file's mode/);
    expect(() => addFiles(base(), [{ guestPath: '/', data: new Uint8Array(1) }])).toThrow(/names the root directory/);
  });

  it('refuses images that are not ext2 with a reason', () => {
    expect(() => addFiles(new Uint8Array(100), [])).toThrow(/too short to hold a superblock/);
    expect(() => addFiles(new Uint8Array(64 * 1024), [])).toThrow(/bad superblock magic/);
    const truncated = base().slice(0, 8 * MiB);
    expect(() => addFiles(truncated, [])).toThrow(/superblock says 4096 blocks but the image holds 2048/);
  });
});
