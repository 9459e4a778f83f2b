// The OS build: the root disk from userland/root plus the standard tree,
// device nodes and files later steps add; and `npm run build:os` itself.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readExt2 } from '../../toolchain/mkfs/index.ts';
import { buildDiskImage, DEMO_SOURCES, DISK_BYTES, GuestBuildError, REPO_ROOT, runOsBuild, SHADOW_GID } from '../../toolchain/os-build.ts';
import { fsck, imageFile, pattern, removeImage } from './mkfs-oracle.ts';

const T0 = 1_700_000_000;

function expectClean(path: string): void {
  const r = fsck(path);
  expect(r.complaints, r.output).toEqual([]);
  expect(r.status, r.output).toBe(0);
}

describe('buildDiskImage', () => {
  it('lays out the standard tree, userland/root, /dev and extra files, and e2fsck finds it clean', () => {
    const hello = pattern(30_000, 1);
    const img = buildDiskImage({
      time: T0,
      extraFiles: [
        { guestPath: '/bin/hello', data: hello, mode: 0o755 },
        { guestPath: '/etc/motd', data: new TextEncoder().encode('replaced\n'), mode: 0o644 },
      ],
    });
    expect(img.length).toBe(DISK_BYTES);
    const path = imageFile(img);
    expectClean(path);
    removeImage(path);

    const r = readExt2(img);
    expect(r.list('/').map((e) => e.name).sort()).toEqual(
      ['bin', 'dev', 'etc', 'home', 'host', 'lost+found', 'mnt', 'proc', 'root', 'sys', 'tmp', 'usr', 'var'].sort());
    expect(r.stat('/tmp').mode).toBe(0o41777);
    expect(r.stat('/root').mode).toBe(0o40700);
    expect(r.stat('/sys/fs/cgroup').mode).toBe(0o40755);   // cgroup2's mount point
    expect(r.stat('/dev/shm').mode & 0o7777).toBe(0o1777);  // tmpfs's (mounted with mode=1777 too)
    expect(r.stat('/proc').kind).toBe('dir');
    expect(r.list('/proc')).toEqual([]);
    expect(r.stat('/var/log').kind).toBe('dir');
    expect(r.stat('/usr/bin').kind).toBe('dir');
    expect(r.stat('/lost+found').mode).toBe(0o40700);
    const passwd = readFileSync(join(REPO_ROOT, 'userland/root/etc/passwd'));
    expect(Buffer.from(r.readFile('/etc/passwd')).equals(passwd)).toBe(true);
    expect(new TextDecoder().decode(r.readFile('/etc/hostname'))).toBe('hako\n');
    expect(r.stat('/etc/passwd')).toMatchObject({ mode: 0o100644, uid: 0, gid: 0, mtime: T0 });
    expect(r.stat('/home/hako')).toMatchObject({ uid: 1000, gid: 1000 });
    expect(r.stat('/home/hako/README')).toMatchObject({ uid: 1000, gid: 1000 });
    expect(r.stat('/dev/null')).toMatchObject({ kind: 'chardev', major: 1, minor: 3, mode: 0o20666 });
    expect(r.stat('/dev/console')).toMatchObject({ kind: 'chardev', major: 5, minor: 1 });
    expect(r.stat('/dev/trace')).toMatchObject({ kind: 'chardev', major: 10, minor: 240, mode: 0o20644 });
    expect(r.readFile('/bin/hello')).toEqual(hello);
    expect(r.stat('/bin/hello').mode).toBe(0o100755);
    expect(new TextDecoder().decode(r.readFile('/etc/motd'))).toBe('replaced\n');
  });

  it('puts the kernel sources and the syscall table under /usr/src/kernel and the demo sources under /usr/share/demo, not on a small disk', () => {
    const img = buildDiskImage({ time: T0 });
    const path = imageFile(img);
    expectClean(path);
    removeImage(path);
    const r = readExt2(img);
    for (const file of ['syscalls.tbl', 'main.c', 'mm/vm.c']) {
      expect(Buffer.from(r.readFile(`/usr/src/kernel/${file}`)).equals(readFileSync(join(REPO_ROOT, 'kernel', file))), file).toBe(true);
    }
    expect(r.stat('/usr/src/kernel/mm')).toMatchObject({ kind: 'dir', uid: 0 });
    for (const file of DEMO_SOURCES) {
      expect(Buffer.from(r.readFile(`/usr/share/demo/${file}`)).equals(readFileSync(join(REPO_ROOT, 'userland/bin', file))), file).toBe(true);
    }
    const small = readExt2(buildDiskImage({ time: T0, sizeBytes: 4 * 1024 * 1024 }));
    expect(small.list('/usr').map((e) => e.name)).not.toContain('src');
    expect(small.list('/usr/share').map((e) => e.name)).not.toContain('demo');
  });

  it('gives /etc/shadow root:shadow 0640 and su/passwd set-user-ID root (FILE_MODES); e2fsck finds it clean', () => {
    const img = buildDiskImage({
      time: T0,
      extraFiles: [
        { guestPath: '/bin/su', data: pattern(5000, 2), mode: 0o755, uid: 1000 },
        { guestPath: '/bin/passwd', data: pattern(5000, 3), mode: 0o755 },
      ],
    });
    const path = imageFile(img);
    expectClean(path);
    removeImage(path);
    const r = readExt2(img);
    expect(r.stat('/etc/shadow')).toMatchObject({ mode: 0o100640, uid: 0, gid: SHADOW_GID });
    expect(new TextDecoder().decode(r.readFile('/etc/shadow'))).toMatch(/^root:\$5\$[^:$]+\$[^:]{43}:/);
    expect(r.stat('/bin/su')).toMatchObject({ mode: 0o104755, uid: 0, gid: 0 });
    expect(r.stat('/bin/passwd')).toMatchObject({ mode: 0o104755, uid: 0, gid: 0 });
    expect(new TextDecoder().decode(r.readFile('/etc/group'))).toContain(`\nshadow:x:${SHADOW_GID}:\n`);
  });

  it('is reproducible for a fixed time', () => {
    const a = buildDiskImage({ time: T0 });
    const b = buildDiskImage({ time: T0 });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
});

describe('npm run build:os', () => {
  function run(args: string[], env: Record<string, string> = {}) {
    return spawnSync(process.execPath, ['--import', 'tsx', 'toolchain/os-build.ts', ...args], {
      cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, ...env },
    });
  }

  it('writes the disk image with SOURCE_DATE_EPOCH as its time (--disk-only)', () => {
    const out = mkdtempSync(join(tmpdir(), 'hako-build-os-'));
    const r = run(['--out', out, '--disk-only'], { SOURCE_DATE_EPOCH: '1600000000' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/disk: .*disk\.img \(64 MiB ext2\)/);
    expect(r.stdout).toMatch(/kernel: skipped \(--disk-only\)/);
    const img = new Uint8Array(readFileSync(join(out, 'disk.img')));
    expect(readExt2(img).stat('/etc/motd').mtime).toBe(1_600_000_000);
    expectClean(join(out, 'disk.img'));
    expect(existsSync(join(out, 'kernel.elf'))).toBe(false);
    rmSync(out, { recursive: true, force: true });
  });

  it('puts the built guest files on the disk and writes the kernel ELF next to it', async () => {
    const out = mkdtempSync(join(tmpdir(), 'hako-build-os-'));
    const elf = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1, 0, 9, 9]);
    const said: string[] = [];
    const status = await runOsBuild(['--out', out], {
      buildKernel: async () => ({ ok: true, elf, errors: [], sources: ['kernel/a.c', 'kernel/b.s'] }),
      guestFiles: async () => [{ guestPath: '/bin/true', data: new Uint8Array([1, 2, 3]), mode: 0o755 }],
      out: (t) => said.push(t), err: (t) => said.push(`ERR ${t}`),
    });
    expect(status).toBe(0);
    expect(said.join('')).toMatch(/^disk: .*disk\.img \(64 MiB ext2\)\nkernel: .*kernel\.elf \(10 bytes, 2 sources\)\n$/);
    expect(new Uint8Array(readFileSync(join(out, 'kernel.elf')))).toEqual(elf);
    const disk = readExt2(new Uint8Array(readFileSync(join(out, 'disk.img'))));
    expect(disk.stat('/etc/passwd').kind).toBe('file');
    expect(disk.stat('/bin/true').mode).toBe(0o100755);
    expect(disk.readFile('/bin/true')).toEqual(new Uint8Array([1, 2, 3]));
    rmSync(out, { recursive: true, force: true });
  });

  it('fails with the kernel diagnostics when the kernel does not build, leaving no older kernel behind', async () => {
    const out = mkdtempSync(join(tmpdir(), 'hako-build-os-'));
    writeFileSync(join(out, 'kernel.elf'), 'an image from older sources');
    const errs: string[] = [];
    const status = await runOsBuild(['--out', out], {
      buildKernel: async () => ({ ok: false, errors: ['kernel/main.c:3:1: error: expected \';\''], sources: [] }),
      out: () => {}, err: (t) => errs.push(t),
    });
    expect(status).toBe(1);
    expect(errs.join('')).toBe("kernel/main.c:3:1: error: expected ';'\nbuild:os: the kernel did not build\n");
    expect(existsSync(join(out, 'kernel.elf'))).toBe(false);
    rmSync(out, { recursive: true, force: true });
  });

  it('leaves no image behind when the userland does not build (no stale disk or kernel)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'hako-build-os-'));
    writeFileSync(join(out, 'kernel.elf'), 'an image from older sources');
    writeFileSync(join(out, 'disk.img'), 'an image from older sources');
    const errs: string[] = [];
    const status = await runOsBuild(['--out', out], {
      buildKernel: async () => { throw new Error('the kernel must not be built after the userland failed'); },
      guestFiles: async () => { throw new GuestBuildError('userland/bin/true.c:1:1: error: expected declaration'); },
      out: () => {}, err: (t) => errs.push(t),
    });
    expect(status).toBe(1);
    expect(errs.join('')).toBe('userland/bin/true.c:1:1: error: expected declaration\nbuild:os: the userland did not build\n');
    expect(existsSync(join(out, 'disk.img'))).toBe(false);
    expect(existsSync(join(out, 'kernel.elf'))).toBe(false);
    rmSync(out, { recursive: true, force: true });
  });

  it('rejects an unknown argument with usage', () => {
    const r = run(['--bogus']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown argument "--bogus"\nusage: build:os/);
  });
});
