// mount(2)/umount2(2) and a second ext2 volume (issue 10): the usertests
// mount cases (errors, EBUSY, `..` out of a mounted root, a read-only
// remount of /), then a second disk (/dev/hdc, slot 2, built here by the
// toolchain's ext2 builder) mounted on /mnt: read, written (a file, a
// directory, a copy of /bin/sh, past the direct blocks), refused while a cwd is inside or
// something is mounted below, `..` out of it, unmounted (its files are
// gone from /mnt), mounted read-only (EROFS for create, remove, mkdir,
// chmod, append), mounted again (the writes are there). Afterwards e2fsck -fn is clean on both disks and the host
// reads the new files from the second image. A boot without the disk gets
// ENXIO for /dev/hdc.
import { describe, it, expect } from 'vitest';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { buildExt2, Ext2Reader } from '../../toolchain/mkfs/index.ts';
import { boot } from './harness.ts';
import { SHELL_PROMPT, userlandDisk } from './shell-session.ts';
import { expectFsckClean, expectUsertestsPassed } from './usertests-run.ts';

function secondDisk(): Uint8Array {
  return buildExt2({
    entries: [
      { type: 'file', path: '/hello.txt', data: 'hello from hdc\n' },
      { type: 'dir', path: '/sub' },
    ],
  }, { sizeBytes: 4 << 20, time: 1764000000 });
}

async function shell(disks: (MemoryBlockStore | undefined)[], commands: string[], budget: number): Promise<string> {
  const script = [...commands, 'poweroff'].map((c) => ({ after: SHELL_PROMPT, send: `${c}\r` }));
  const r = await boot({ ramMiB: 32, disks, script, budget });
  const out = r.output.replace(/\r\n/g, '\n');
  if (process.env.DEBUG_OUT) console.log(out);
  expect(r.state, `${r.deadReason}\n${out.slice(-3000)}`).toBe('off');
  /* What the commands printed, one after another: without the kernel's log
   * lines (a mount's EXT2-fs line) and the prompt lines that echo them. */
  return out.replace(/^\[ *\d+\.\d+\] .*\n/gm, '').replace(/^.*:\/# .*\n/gm, '');
}

describe('mount and umount, a second ext2 disk (issue 10)', () => {
  it('usertests mount passes; /dev/hdc mounts on /mnt, takes writes, is busy while used, unmounts; both disks stay clean', async () => {
    const root = new MemoryBlockStore(userlandDisk());
    const hdc = new MemoryBlockStore(secondDisk());
    const out = await shell([root, undefined, hdc], [
      'usertests mount; echo ut=$?',
      'mount -t ext2 /dev/hdc /mnt; echo m=$?',
      'cat /mnt/hello.txt',
      'mount /dev/hdc /tmp; echo again=$?',
      'echo written > /mnt/new.txt; mkdir /mnt/sub/deeper; cp /bin/sh /mnt/big; echo w=$?',
      'cd /mnt/sub/deeper; cd ../../..; pwd; cd /',
      'cd /mnt/sub; umount /mnt; echo busy=$?; cd /',
      'mount -t proc proc /mnt/sub; umount /mnt; echo below=$?; umount /mnt/sub; echo u1=$?',
      'umount /mnt; echo u=$?',
      'ls /mnt; cat /mnt/new.txt; echo gone=$?',
      'mount -o ro /dev/hdc /mnt; echo x > /mnt/ro.txt; echo ro=$?',
      'rm /mnt/hello.txt; mkdir /mnt/x; chmod 600 /mnt/hello.txt; echo y >> /mnt/hello.txt; cat /mnt/hello.txt; umount /mnt',
      'mount /dev/hdc /mnt; cat /mnt/new.txt; cmp /bin/sh /mnt/big; echo same=$?; umount /mnt; echo u2=$?',
    ], 6_000_000_000);

    expectUsertestsPassed(out, ['mount_errors', 'mount_busy', 'mount_readonly']);
    expect(out).toContain('ALL TESTS PASSED (3)\nut=0\n');
    expect(out).toContain('m=0\nhello from hdc\n');
    expect(out).toContain('mount: /tmp: Device or resource busy\nagain=32\n');   /* one disk, one mount */
    expect(out).toContain('w=0\n');
    expect(out).toContain('w=0\n/\numount: /mnt');   /* pwd after `..` out of the mount is / */
    expect(out).toContain('umount: /mnt: Device or resource busy\nbusy=32\n');     /* a cwd inside */
    expect(out).toContain('umount: /mnt: Device or resource busy\nbelow=32\nu1=0\n');   /* a mount below */
    expect(out).toContain('u=0\n');
    expect(out).toMatch(/cat: \/mnt\/new\.txt: No such file or directory\ngone=1\n/);
    expect(out).toContain('Read-only file system\nro=1\n');
    expect(out).toMatch(/rm: \/mnt\/hello\.txt: Read-only file system\nmkdir: \/mnt\/x: Read-only file system\nchmod: changing permissions of '\/mnt\/hello\.txt': Read-only file system\n.*Read-only file system\nhello from hdc\n/);
    expect(out).toContain('written\nsame=0\nu2=0\n');

    for (const image of [root.image, hdc.image]) expectFsckClean(image);
    const disk2 = new Ext2Reader(hdc.image);
    const rootFs = new Ext2Reader(root.image);
    expect(new TextDecoder().decode(disk2.readFile('/new.txt'))).toBe('written\n');
    expect(Buffer.from(disk2.readFile('/big')).equals(Buffer.from(rootFs.readFile('/bin/sh')))).toBe(true);
        expect(() => disk2.readFile('/ro.txt')).toThrow();
    expect(new TextDecoder().decode(disk2.readFile('/hello.txt'))).toBe('hello from hdc\n');   /* the read-only mount changed nothing */
    expect(() => rootFs.readFile('/mnt/new.txt')).toThrow();   /* written to hdc, not under the mount point */
  }, 600_000);

  it('without a second disk, mounting /dev/hdc is ENXIO', async () => {
    const out = await shell([new MemoryBlockStore(userlandDisk())], [
      'mount /dev/hdc /mnt; echo st=$?',
    ], 1_500_000_000);
    expect(out).toContain('mount: /mnt: No such device or address\nst=32\n');
  }, 300_000);
});
