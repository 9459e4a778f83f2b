// os-build: `npm run build:os` — the OS images, build/disk.img and
// build/kernel.elf.
//
// Owns: what goes on the root disk and where it is written. The disk is
// ext2 (toolchain/mkfs), 64 MiB, laid out as:
//   1. the standard tree (STANDARD_DIRECTORIES, with their modes: /tmp 1777,
//      /root 0700, /proc an empty mount point, /lost+found from mkfs);
//   2. the files of userland/root/ (the repository's copy of /etc etc., and
//      the manual under /usr/share/man, a `.so` page as a hard link; disks
//      under MANUAL_MIN_BYTES get no manual);
//   2b. the kernel's sources (kernel/, with syscalls.tbl) under /usr/src/kernel
//      (KERNEL_SOURCE_DIR), so a lab can read and edit them in the guest; like
//      the manual, only on disks of at least MANUAL_MIN_BYTES; with them the
//      demo programs' sources (DEMO_SOURCES, from userland/bin) under
//      /usr/share/demo, to read and compare (they are in /bin built);
//   3. device nodes in /dev with Linux's numbers (DEVICE_NODES);
//   4. `extraFiles` — compiled programs for /bin and anything else later
//      build steps produce (runOsBuild gets them from deps.guestFiles);
//      they win over a same-named file from step 2.
// Owners are root:root except OWNED_TREES; FILE_MODES then gives single
// files their own mode and owner (/etc/shadow, set-user-ID programs). Times are SOURCE_DATE_EPOCH when
// set (reproducible builds), else now. The kernel is built by
// toolchain/kernel-build.ts; `--disk-only` skips it.
//
// A failed build leaves no image behind: the outputs it is about to make are
// deleted first, so nothing (the page, the browser tests, the web
// benchmarks) can go on with images from older sources. The committed
// system-call files must match kernel/syscalls.tbl (`npm run gen`); the
// build reads them and never writes into the source tree.
//
// Usage: tsx toolchain/os-build.ts [--out DIR] [--disk-only]

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildExt2, type FsDescription, type FsEntry } from './mkfs/build.ts';
import { Ext2Error } from './mkfs/errors.ts';
import { hostTreeEntries } from './mkfs/host-tree.ts';
import { staleGenerated } from './gen-syscalls.ts';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DISK_BYTES = 64 * 1024 * 1024;

/** A file a build step adds to the disk, e.g. a program for /bin. */
export interface GuestFile {
  guestPath: string;
  data: Uint8Array;
  /** Permission bits, e.g. 0o755 for a program. */
  mode: number;
  uid?: number;
  gid?: number;
}

export const STANDARD_DIRECTORIES: { path: string; mode: number }[] = [
  { path: '/bin', mode: 0o755 },
  { path: '/dev', mode: 0o755 },
  { path: '/dev/shm', mode: 0o1777 },
  { path: '/etc', mode: 0o755 },
  { path: '/home', mode: 0o755 },
  { path: '/home/hako', mode: 0o755 },
  { path: '/mnt', mode: 0o755 },
  { path: '/host', mode: 0o755 },
  { path: '/root', mode: 0o700 },
  { path: '/tmp', mode: 0o1777 },
  { path: '/usr', mode: 0o755 },
  { path: '/usr/bin', mode: 0o755 },
  { path: '/usr/local', mode: 0o755 },
  { path: '/usr/local/bin', mode: 0o755 },
  { path: '/var', mode: 0o755 },
  { path: '/var/log', mode: 0o755 },
  { path: '/proc', mode: 0o555 },
  { path: '/sys', mode: 0o555 },
  { path: '/sys/fs', mode: 0o755 },
  { path: '/sys/fs/cgroup', mode: 0o755 },
];

/** Device nodes, Linux numbering (Documentation/admin-guide/devices.txt):
 * character devices, and the disks as IDE block devices (hda root, hdb
 * swap, hdc a second volume: kernel/dev/disk.c), root's only. */
export const DEVICE_NODES: { path: string; major: number; minor: number; mode: number; gid?: number; block?: boolean }[] = [
  { path: '/dev/null', major: 1, minor: 3, mode: 0o666 },
  { path: '/dev/zero', major: 1, minor: 5, mode: 0o666 },
  { path: '/dev/full', major: 1, minor: 7, mode: 0o666 },
  { path: '/dev/tty', major: 5, minor: 0, mode: 0o666, gid: 5 },
  { path: '/dev/console', major: 5, minor: 1, mode: 0o600 },
  { path: '/dev/hda', major: 3, minor: 0, mode: 0o600, block: true },
  { path: '/dev/hdb', major: 3, minor: 64, mode: 0o600, block: true },
  { path: '/dev/hdc', major: 22, minor: 0, mode: 0o600, block: true },
  { path: '/dev/trace', major: 10, minor: 240, mode: 0o644 },
];

/** Where the manual pages are (userland/root/usr/share/man in the repository). */
export const MAN_DIR = '/usr/share/man';

/** Trees owned by a user rather than root (the prefix itself included). */
export const OWNED_TREES: { prefix: string; uid: number; gid: number }[] = [
  { prefix: '/home/hako', uid: 1000, gid: 1000 },
];

/** Files with a mode or owner of their own, applied last (git keeps neither). */
export const SHADOW_GID = 42;   /* the shadow group of /etc/group, as on Debian */
export const FILE_MODES: { path: string; mode: number; uid?: number; gid?: number }[] = [
  { path: '/etc/shadow', mode: 0o640, uid: 0, gid: SHADOW_GID },
  { path: '/bin/su', mode: 0o4755, uid: 0, gid: 0 },
  { path: '/bin/passwd', mode: 0o4755, uid: 0, gid: 0 },
];

export interface DiskImageOptions {
  extraFiles?: GuestFile[];
  sizeBytes?: number;
  /** Unix seconds for every timestamp (default: now). */
  time?: number;
  /** Host directory copied to / (default userland/root). */
  rootDir?: string;
  /** Install the manual (MAN_DIR). Default: yes, but buildDiskImage leaves
   * it off disks under MANUAL_MIN_BYTES, whose few inodes it would fill. */
  manual?: boolean;
  /** Put kernel/ under KERNEL_SOURCE_DIR. Default: as `manual`. */
  kernelSources?: boolean;
}

/** Where the kernel's sources are on the disk (kernel/ of the repository). */
export const KERNEL_SOURCE_DIR = '/usr/src/kernel';

/** Programs of userland/bin whose sources also go to /usr/share/demo (the networking demos). */
export const DEMO_SOURCES = ['echo-epoll.c', 'echo-threads.c', 'httpd.c'];

/** The smallest disk that gets the manual (and the kernel's sources): its ~170 pages take inodes a 4 MiB
 * volume (256 inodes) does not have beside the programs. */
export const MANUAL_MIN_BYTES = 8 * 1024 * 1024;

function canonical(path: string): string {
  return '/' + path.split('/').filter((p) => p !== '').join('/');
}

function ownerOf(path: string): { uid: number; gid: number } {
  for (const t of OWNED_TREES) {
    if (path === t.prefix || path.startsWith(`${t.prefix}/`)) return { uid: t.uid, gid: t.gid };
  }
  return { uid: 0, gid: 0 };
}

/**
 * A manual page that only says `.so manS/OTHER.S` (a second name of OTHER's
 * page, as roff and man-db read it) goes on the disk as a hard link to that
 * page: the same text under both names, and no inode of its own, so the
 * manual fits the small disks tests build as well.
 */
function manAliasLink(e: FsEntry): FsEntry | null {
  if (e.type !== 'file' || !canonical(e.path).startsWith(`${MAN_DIR}/`) || e.data.length > 300) return null;
  const text = typeof e.data === 'string' ? e.data : new TextDecoder().decode(e.data);
  const so = /^\.so (man\w+\/[^\s/]+)\n?$/.exec(text);
  return so ? { type: 'hardlink', path: canonical(e.path), target: `${MAN_DIR}/${so[1]}` } : null;
}

/** The description of the root disk (see the header for the order and precedence). */
export function rootDescription(opts: DiskImageOptions = {}): FsDescription {
  const byPath = new Map<string, FsEntry>();
  const put = (e: FsEntry) => {
    const path = canonical(e.path);
    const withOwner = e.type === 'hardlink' ? e : { ...ownerOf(path), ...e, path };
    byPath.set(path, withOwner as FsEntry);
  };
  for (const d of STANDARD_DIRECTORIES) put({ type: 'dir', path: d.path, mode: d.mode });
  for (const e of hostTreeEntries(opts.rootDir ?? join(REPO_ROOT, 'userland/root'))) {
    const existing = byPath.get(canonical(e.path));
    if (existing && existing.type === 'dir' && e.type === 'dir') continue; // the standard mode wins
    if (opts.manual === false && (canonical(e.path) + '/').startsWith(`${MAN_DIR}/`)) continue;
    put(manAliasLink(e) ?? e);
  }
  if (opts.kernelSources ?? opts.manual !== false) {
    put({ type: 'dir', path: '/usr/src', mode: 0o755 });
    put({ type: 'dir', path: KERNEL_SOURCE_DIR, mode: 0o755 });
    for (const e of hostTreeEntries(join(REPO_ROOT, 'kernel'))) put({ ...e, path: KERNEL_SOURCE_DIR + e.path } as FsEntry);
    put({ type: 'dir', path: '/usr/share/demo', mode: 0o755 });
    for (const name of DEMO_SOURCES) {
      put({ type: 'file', path: `/usr/share/demo/${name}`, data: readFileSync(join(REPO_ROOT, 'userland/bin', name)), mode: 0o644 });
    }
  }
  for (const d of DEVICE_NODES) put({ type: d.block ? 'blockdev' : 'chardev', path: d.path, major: d.major, minor: d.minor, mode: d.mode, gid: d.gid ?? 0 });
  for (const f of opts.extraFiles ?? []) {
    put({ type: 'file', path: f.guestPath, data: f.data, mode: f.mode, ...(f.uid !== undefined ? { uid: f.uid } : {}), ...(f.gid !== undefined ? { gid: f.gid } : {}) });
  }
  for (const m of FILE_MODES) {
    const e = byPath.get(m.path);
    if (e && e.type === 'file') byPath.set(m.path, { ...e, mode: m.mode, ...(m.uid !== undefined ? { uid: m.uid } : {}), ...(m.gid !== undefined ? { gid: m.gid } : {}) });
  }
  return { entries: [...byPath.values()] };
}

/** The root disk image (ext2), ready to boot from. */
export function buildDiskImage(opts: DiskImageOptions = {}): Uint8Array {
  const time = opts.time ?? Math.floor(Date.now() / 1000);
  const sizeBytes = opts.sizeBytes ?? DISK_BYTES;
  const manual = opts.manual ?? sizeBytes >= MANUAL_MIN_BYTES;
  return buildExt2(rootDescription({ ...opts, manual }), { sizeBytes, time, volumeName: 'hako-root' });
}

function buildTime(): number {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch)) return Number(epoch);
  return Math.floor(Date.now() / 1000);
}

/** A program for the disk did not build; the message holds the diagnostics. */
export class GuestBuildError extends Error {}

/** What build:os needs from the outside world; tests replace parts of it. */
export interface OsBuildDeps {
  /** Builds the kernel: the ELF, or the diagnostics. Default: toolchain/kernel-build.ts. */
  buildKernel(root: string): Promise<{ ok: boolean; elf?: Uint8Array; errors: string[]; sources: string[] }>;
  /**
   * Files built for the disk (programs for /bin, …) — the seam where the
   * userland build plugs in. Default: toolchain/userland-build.ts; throws
   * GuestBuildError with the compiler's diagnostics when a program fails.
   */
  guestFiles(root: string): Promise<GuestFile[]>;
  out(text: string): void;
  err(text: string): void;
}

const defaultDeps: OsBuildDeps = {
  async buildKernel(root) {
    const { buildKernel } = await import('./kernel-build.ts');
    return buildKernel(root);
  },
  async guestFiles(root) {
    const { buildUserland } = await import('./userland-build.ts');
    const r = buildUserland(root);
    if (!r.ok) throw new GuestBuildError(r.errors.join('\n'));
    return r.files;
  },
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** The whole of `npm run build:os`; returns the exit status (0 ok, 1 build failed, 2 usage). */
export async function runOsBuild(argv: string[], deps: Partial<OsBuildDeps> = {}): Promise<number> {
  const { buildKernel, guestFiles, out, err } = { ...defaultDeps, ...deps };
  let outDir = join(REPO_ROOT, 'build');
  let diskOnly = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out' && i + 1 < argv.length) outDir = argv[++i];
    else if (argv[i] === '--disk-only') diskOnly = true;
    else {
      err(`build:os: unknown argument "${argv[i]}"\nusage: build:os [--out DIR] [--disk-only]\n`);
      return 2;
    }
  }
  mkdirSync(outDir, { recursive: true });
  const diskPath = join(outDir, 'disk.img');
  const kernelPath = join(outDir, 'kernel.elf');
  for (const stale of diskOnly ? [diskPath] : [diskPath, kernelPath]) rmSync(stale, { force: true });
  const drift = staleGenerated(REPO_ROOT);
  if (drift.length) {
    for (const e of drift) err(`${e}\n`);
    err('build:os: the generated system-call files are out of date\n');
    return 1;
  }
  try {
    const image = buildDiskImage({ time: buildTime(), extraFiles: await guestFiles(REPO_ROOT) });
    writeFileSync(diskPath, image);
    out(`disk: ${diskPath} (${image.length / (1024 * 1024)} MiB ext2)\n`);
  } catch (e) {
    if (e instanceof GuestBuildError) {
      err(`${e.message}\nbuild:os: the userland did not build\n`);
      return 1;
    }
    if (!(e instanceof Ext2Error)) throw e;
    err(`build:os: disk image: ${e.message}\n`);
    return 1;
  }
  if (diskOnly) {
    out('kernel: skipped (--disk-only)\n');
    return 0;
  }
  const kernel = await buildKernel(REPO_ROOT);
  if (!kernel.ok || !kernel.elf) {
    for (const e of kernel.errors) err(`${e}\n`);
    err('build:os: the kernel did not build\n');
    return 1;
  }
  writeFileSync(kernelPath, kernel.elf);
  out(`kernel: ${kernelPath} (${kernel.elf.length} bytes, ${kernel.sources.length} sources)\n`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runOsBuild(process.argv.slice(2)).then((code) => process.exit(code), (err) => {
    process.stderr.write(`build:os: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
}
