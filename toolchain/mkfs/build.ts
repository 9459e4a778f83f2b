// buildExt2: a whole ext2 image from a description of its tree.
//
// Owns: the FsDescription format, checking it, and the order in which it is
// laid down: directories first (shallowest first), then files, symlinks and
// device nodes in description order, then hard links — so the result depends
// only on the description and the options (fixed time and uuid give the same
// bytes). Invariants: parent directories a description leaves out are
// created with mode 0755, owner 0:0; a path named twice is an error; running
// out of blocks or inodes is an Ext2Error naming the path being written, and
// no image is returned.

import { Ext2Error } from './errors.ts';
import { FsWriter, splitPath, type NodeAttrs } from './fs-writer.ts';
import { planGeometry } from './geometry.ts';
import { PERMISSION_BITS, ROOT_INO, S_IFBLK, S_IFCHR, S_IFIFO, S_IFSOCK } from './layout.ts';
import { Volume } from './volume.ts';

/** Attributes any entry may give; missing ones take defaults (mode by type, owner 0:0, times = build time). */
export interface EntryMeta {
  /** Permission bits, 0..07777. */
  mode?: number;
  uid?: number;
  gid?: number;
  atime?: number;
  mtime?: number;
  ctime?: number;
}

export type FsEntry =
  | ({ type: 'file'; path: string; data: Uint8Array | string } & EntryMeta)
  | ({ type: 'dir'; path: string } & EntryMeta)
  | ({ type: 'symlink'; path: string; target: string } & EntryMeta)
  /** Another name for the file at `target` (a path in the same image, not a directory). */
  | { type: 'hardlink'; path: string; target: string }
  | ({ type: 'chardev' | 'blockdev'; path: string; major: number; minor: number } & EntryMeta)
  | ({ type: 'fifo' | 'socket'; path: string } & EntryMeta);

export interface FsDescription {
  entries: FsEntry[];
}

export interface BuildOptions {
  /** Image size in bytes, a multiple of 4096. */
  sizeBytes: number;
  volumeName?: string;
  uuid?: Uint8Array;
  /** Unix seconds for the superblock and every default timestamp (default 0 → reproducible). */
  time?: number;
  blocksPerGroup?: number;
  bytesPerInode?: number;
  inodeCount?: number;
  reservedPercent?: number;
}

const DEFAULT_PERM: Record<FsEntry['type'], number> = {
  file: 0o644, dir: 0o755, symlink: 0o777, hardlink: 0, chardev: 0o600, blockdev: 0o600, fifo: 0o644, socket: 0o755,
};
const DEVICE_TYPE_BITS = { chardev: S_IFCHR, blockdev: S_IFBLK, fifo: S_IFIFO, socket: S_IFSOCK } as const;
const U32_MAX = 0xffffffff;

export function buildExt2(desc: FsDescription, opts: BuildOptions): Uint8Array {
  const time = opts.time ?? 0;
  checkU32(time, 'time', 'options');
  if (!desc || !Array.isArray(desc.entries)) throw new Ext2Error('file-system description needs an entries array');
  const entries = desc.entries.map((e, i) => checkEntry(e, i));
  const seen = new Set<string>();
  for (const e of entries) {
    const key = canonical(e.path);
    if (seen.has(key)) throw new Ext2Error(`"${e.path}" appears twice in the description`);
    seen.add(key);
  }

  const geometry = planGeometry(opts);
  const vol = Volume.format(geometry, {
    time, volumeName: opts.volumeName, uuid: opts.uuid, reservedPercent: opts.reservedPercent,
  });
  const writer = new FsWriter(vol);
  const defaults = (perm: number): NodeAttrs => ({ perm, uid: 0, gid: 0, atime: time, mtime: time, ctime: time });
  const attrsOf = (e: FsEntry): NodeAttrs => {
    const m = e as EntryMeta;
    return {
      perm: m.mode ?? DEFAULT_PERM[e.type], uid: m.uid ?? 0, gid: m.gid ?? 0,
      atime: m.atime ?? time, mtime: m.mtime ?? time, ctime: m.ctime ?? time,
    };
  };
  writer.createRoot(defaults(0o755), defaults(0o700));

  const dirs = entries.filter((e) => e.type === 'dir');
  dirs.sort((a, b) => splitPath(a.path).length - splitPath(b.path).length); // stable: equal depths keep their order
  for (const e of dirs) {
    withPath(e.path, () => {
      if (splitPath(e.path).length === 0) { writer.setAttributes(ROOT_INO, attrsOf(e)); return; }
      const { parent, name } = writer.parentOf(e.path, defaults(0o755));
      const existing = writer.lookupIn(parent, name);
      // Only lost+found (made with the root) can already be there: directories come before anything else.
      if (existing !== 0) writer.setAttributes(existing, attrsOf(e));
      else writer.mkdir(parent, name, attrsOf(e));
    });
  }
  const encoder = new TextEncoder();
  for (const e of entries) {
    if (e.type === 'dir' || e.type === 'hardlink') continue;
    withPath(e.path, () => {
      const { parent, name } = writer.parentOf(e.path, defaults(0o755));
      if (writer.lookupIn(parent, name) !== 0) throw new Ext2Error('already exists');
      const attrs = attrsOf(e);
      switch (e.type) {
        case 'file': writer.createFile(parent, name, typeof e.data === 'string' ? encoder.encode(e.data) : e.data, attrs); break;
        case 'symlink': writer.symlink(parent, name, e.target, attrs); break;
        case 'chardev': case 'blockdev': writer.mknod(parent, name, DEVICE_TYPE_BITS[e.type], e.major, e.minor, attrs); break;
        case 'fifo': case 'socket': writer.mknod(parent, name, DEVICE_TYPE_BITS[e.type], 0, 0, attrs); break;
      }
    });
  }
  for (const e of entries) {
    if (e.type !== 'hardlink') continue;
    withPath(e.path, () => {
      const target = writer.resolve(e.target);
      if (target === 0) throw new Ext2Error(`hard link target "${e.target}" does not exist`);
      const { parent, name } = writer.parentOf(e.path, defaults(0o755));
      if (writer.lookupIn(parent, name) !== 0) throw new Ext2Error('already exists');
      writer.link(parent, name, target);
    });
  }
  vol.flush(time);
  return vol.bytes;
}

/** Runs a step, prefixing any Ext2Error with the path it was working on. */
export function withPath<T>(path: string, step: () => T): T {
  try {
    return step();
  } catch (err) {
    if (err instanceof Ext2Error && !err.message.startsWith(`${path}: `)) throw new Ext2Error(`${path}: ${err.message}`);
    throw err;
  }
}

function canonical(path: string): string {
  return '/' + path.split('/').filter((p) => p !== '').join('/');
}

function checkU32(value: unknown, field: string, where: string): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > U32_MAX) {
    throw new Ext2Error(`${where}: ${field} must be an integer in 0..${U32_MAX}, got ${String(value)}`);
  }
}

/** Checks the shape of one description entry; returns it typed. */
function checkEntry(e: FsEntry, index: number): FsEntry {
  const where = `description entry ${index}`;
  if (!e || typeof e !== 'object' || typeof e.path !== 'string') throw new Ext2Error(`${where}: needs a string path`);
  const at = `${where} ("${e.path}")`;
  if (!(e.type in DEFAULT_PERM)) throw new Ext2Error(`${at}: unknown type "${String((e as { type: unknown }).type)}"`);
  withPath(e.path, () => splitPath(e.path));
  if (e.type !== 'hardlink') {
    if (e.mode !== undefined && (!Number.isInteger(e.mode) || e.mode < 0 || e.mode > PERMISSION_BITS)) {
      throw new Ext2Error(`${at}: mode must be permission bits 0..07777, got ${e.mode}`);
    }
    for (const field of ['uid', 'gid', 'atime', 'mtime', 'ctime'] as const) {
      if (e[field] !== undefined) checkU32(e[field], field, at);
    }
  }
  if (e.type === 'file' && typeof e.data !== 'string' && !(e.data instanceof Uint8Array)) {
    throw new Ext2Error(`${at}: data must be a string or Uint8Array`);
  }
  if ((e.type === 'symlink' || e.type === 'hardlink') && typeof e.target !== 'string') {
    throw new Ext2Error(`${at}: needs a string target`);
  }
  if (e.type !== 'dir' && splitPath(e.path).length === 0) throw new Ext2Error(`${at}: only a directory can be the root`);
  return e;
}
