// Helpers for the ext2 tests: run Debian's e2fsprogs (the oracle) on an
// image written to a temporary file. e2fsck -fn must exit 0 and print
// nothing but its pass headers and the closing summary line.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'hako-mkfs-'));
let counter = 0;
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

/** Writes the image to a fresh temporary file and returns its path. */
export function imageFile(image: Uint8Array): string {
  const path = join(dir, `image-${process.pid}-${counter++}.img`);
  writeFileSync(path, image);
  return path;
}

export function removeImage(path: string): void {
  rmSync(path, { force: true });
}

export interface FsckResult {
  status: number | null;
  /** Output lines other than pass headers, the summary and the version banner. */
  complaints: string[];
  output: string;
}

export function fsck(path: string): FsckResult {
  const r = spawnSync('e2fsck', ['-fn', path], { encoding: 'utf8' });
  const output = `${r.stdout}${r.stderr}`;
  const complaints = output.split('\n').filter((line) =>
    line.trim() !== '' &&
    !/^Pass [1-5]: /.test(line) &&
    !/^e2fsck \d/.test(line) &&
    !/^[^:]+: \d+\/\d+ files \([\d.]+% non-contiguous\), \d+\/\d+ blocks$/.test(line));
  return { status: r.status, complaints, output };
}

/** Runs one debugfs request on the image; returns stdout as bytes. */
export function debugfs(path: string, request: string): Buffer {
  return execFileSync('debugfs', ['-R', request, path], { maxBuffer: 512 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
}

export interface DebugfsStat {
  ino: number;
  type: string;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  links: number;
  blockcount: number;
  ctime: number;
  atime: number;
  mtime: number;
  fastLink?: string;
  device?: string;
}

/** Parses `debugfs -R 'stat PATH'`. */
export function debugfsStat(path: string, guestPath: string): DebugfsStat {
  const text = debugfs(path, `stat ${guestPath}`).toString('utf8');
  const need = (re: RegExp): RegExpMatchArray => {
    const m = text.match(re);
    if (!m) throw new Error(`debugfs stat ${guestPath}: no ${re} in:\n${text}`);
    return m;
  };
  const head = need(/Inode: (\d+)\s+Type: (.+?)\s+Mode:\s+(\d+)/);
  const owner = need(/User:\s+(\d+)\s+Group:\s+(\d+)\s+Size: (\d+)/);
  const links = need(/Links: (\d+)\s+Blockcount: (\d+)/);
  const time = (name: string) => parseInt(need(new RegExp(`${name}: 0x([0-9a-f]+)`))[1], 16);
  const fast = text.match(/Fast link dest: "(.*)"/);
  const device = text.match(/Device major\/minor number: (\S+)/);
  return {
    ino: Number(head[1]), type: head[2], mode: parseInt(head[3], 8),
    uid: Number(owner[1]), gid: Number(owner[2]), size: Number(owner[3]),
    links: Number(links[1]), blockcount: Number(links[2]),
    ctime: time('ctime'), atime: time('atime'), mtime: time('mtime'),
    fastLink: fast ? fast[1] : undefined, device: device ? device[1] : undefined,
  };
}

/** A deterministic byte pattern, different for each seed. */
export function pattern(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = (seed * 2654435761 + 1) >>> 0;
  for (let i = 0; i < length; i++) {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

/** Numbers in the dumpe2fs header (e.g. "Block count"). */
export function dumpe2fsHeader(path: string): Map<string, string> {
  const text = execFileSync('dumpe2fs', ['-h', path], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const map = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = line.match(/^([^:]+):\s*(.*)$/);
    if (m) map.set(m[1].trim(), m[2].trim());
  }
  return map;
}

export function dumpe2fs(path: string): string {
  return execFileSync('dumpe2fs', [path], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
}
