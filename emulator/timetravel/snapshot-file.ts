// A time-travel snapshot (snapshot.ts) written out as one file, standing on
// its own: the page's boot snapshot (web/boot-snapshot.ts) is one of these.
// The same fact as an in-memory snapshot — the machine's saveState plus RAM
// and disk bytes kept as differences — only the differences are taken from
// a base anyone can rebuild instead of from the previous snapshot:
// - RAM: the pages that differ from RAM as it stands right after power-on
//   and the kernel's load (Machine.load of the kernel named by its length and
//   checksum, with the command line recorded here). Pages the kernel image
//   still holds unchanged are left out (the restorer loads the kernel anyway,
//   for its symbols), and a freshly built machine needs no clearing of its
//   32 MiB: both cost more than the restore itself in a cold worker.
// - Disks: per disk slot, the blocks that differ from its image at power-on.
// - The caller's own facts (JSON, `meta`) and byte sections (`extra`), e.g.
//   the console text printed up to the snapshot.
//
// Invariants: a file is captured only when no device has a request in flight
// (Machine.devicesIdle, no doorbell request waiting, no network card), so
// no host promise is part of the state; it is restored only into a machine
// built with the same RAM size, disks (sizes) and shared folder, freshly
// loaded with the same kernel and command line and not yet run: anything
// else is refused with a reason, having changed nothing.
//
// Layout (little-endian u32s): magic 'HKTS', version, header length; the
// header (JSON: FileHeader; typed arrays and non-finite numbers of the saved
// state tagged); then the changed pages, each disk's changed blocks, and
// the extra sections, in that order, lengths as the header says.

import type { Machine, SavedMachine } from '../machine.ts';
import { PAGE_SIZE } from '../memory.ts';
import { BLOCK_SIZE } from '../blockstore/interface.ts';
import { applyPages, differingFrames } from './snapshot.ts';

export const SNAPSHOT_FILE_MAGIC = 0x53544b48; // 'HKTS'
const VERSION = 1;
const PREFIX = 12;

/** What a restoring machine must be before the file's differences apply. */
export interface SnapshotBase {
  ramBytes: number;
  cmdline: string;
  kernel: { bytes: number; checksum: number };
  /** Per disk slot, its size in blocks. */
  diskBlocks: number[];
  share: boolean;
}

export interface SnapshotFile {
  base: SnapshotBase;
  saved: SavedMachine;
  /** Frame → its bytes, for every page that differs from the base's RAM. */
  pages: Map<number, Uint8Array>;
  /** Per disk slot: block → its bytes, for every block that differs from the disk's image at power-on. */
  disks: Map<number, Uint8Array>[];
  meta: unknown;
  extra: Uint8Array[];
}

interface FileHeader {
  base: SnapshotBase;
  saved: unknown;
  /** Changed frames, ascending. */
  frames: number[];
  /** Per disk: changed blocks, ascending. */
  blocks: number[][];
  meta: unknown;
  /** Byte lengths of the extra sections. */
  extra: number[];
}

/** FNV-1a over the kernel image: enough to tell a file made with another kernel (not a security check). */
export function kernelChecksum(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h >>> 0;
}

const TYPED: Record<string, new (b: ArrayBuffer) => ArrayBufferView> = { Int32Array, Float64Array, Uint8Array, Uint32Array };

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** JSON for the saved state: typed arrays as { $typed, v: base64 }, Infinity and NaN as { $num }. */
function stateReplacer(_key: string, v: unknown): unknown {
  if (typeof v === 'number' && !Number.isFinite(v)) return { $num: String(v) };
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    const name = v.constructor.name;
    if (!TYPED[name]) throw new Error(`snapshot file: cannot store a ${name}`);
    return { $typed: name, v: toBase64(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)) };
  }
  return v;
}

function stateReviver(_key: string, v: unknown): unknown {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as { $num?: string; $typed?: string; v?: string };
    if (typeof o.$num === 'string') return Number(o.$num);
    if (typeof o.$typed === 'string') {
      const Typed = TYPED[o.$typed];
      if (!Typed || typeof o.v !== 'string') throw new Error(`unknown value tag ${o.$typed}`);
      return new Typed(fromBase64(o.v).buffer as ArrayBuffer);
    }
  }
  return v;
}

/** Why the machine cannot be captured now, or null. */
export function notCapturable(m: Machine): string | null {
  if (m.nic) return 'a machine with a network card is not saved';
  if (m.state === 'off' || m.state === 'dead') return `the machine is ${m.state}`;
  if (!m.devicesIdle()) return 'a disk or shared-folder request is in flight';
  if (m.doorbell.snapshot().waiting) return 'a doorbell request is waiting';
  return null;
}

/**
 * The machine's state now as a file. `kernel` is what it was loaded with, `baseRam` its RAM right
 * after that load, `pristine[i]` disk i's image at power-on (null: all zeros).
 */
export async function captureSnapshotFile(
  m: Machine, kernel: Uint8Array, baseRam: Uint8Array, pristine: (Uint8Array | null)[], meta: unknown = null, extra: Uint8Array[] = [],
): Promise<Uint8Array> {
  const problem = notCapturable(m);
  if (problem) throw new Error(`no snapshot: ${problem}`);
  const ram = m.memory.bytes;
  const frames = differingFrames(ram, baseRam);
  const blocks: number[][] = [];
  const blockBytes: Uint8Array[] = [];
  for (let i = 0; i < m.disks.length; i++) {
    const store = m.disks[i].store;
    const now = await store.read(0, store.blocks);
    const before = pristine[i] ?? new Uint8Array(now.length);
    const padded = before.length === now.length ? before : (() => { const p = new Uint8Array(now.length); p.set(before.subarray(0, now.length)); return p; })();
    const changed = differingFrames(now, padded, BLOCK_SIZE);
    blocks.push(changed);
    const out = new Uint8Array(changed.length * BLOCK_SIZE);
    changed.forEach((b, j) => out.set(now.subarray(b * BLOCK_SIZE, (b + 1) * BLOCK_SIZE), j * BLOCK_SIZE));
    blockBytes.push(out);
  }
  const header: FileHeader = {
    base: {
      ramBytes: m.memory.size, cmdline: m.cmdline, kernel: { bytes: kernel.length, checksum: kernelChecksum(kernel) },
      diskBlocks: m.disks.map((d) => d.blocks), share: m.share !== null,
    },
    saved: m.saveState(), frames, blocks, meta, extra: extra.map((e) => e.length),
  };
  const json = new TextEncoder().encode(JSON.stringify(header, stateReplacer));
  const bodyLength = frames.length * PAGE_SIZE + blockBytes.reduce((n, b) => n + b.length, 0) + extra.reduce((n, e) => n + e.length, 0);
  const out = new Uint8Array(PREFIX + json.length + bodyLength);
  const view = new DataView(out.buffer);
  view.setUint32(0, SNAPSHOT_FILE_MAGIC, true);
  view.setUint32(4, VERSION, true);
  view.setUint32(8, json.length, true);
  out.set(json, PREFIX);
  let at = PREFIX + json.length;
  for (const f of frames) { out.set(ram.subarray(f * PAGE_SIZE, (f + 1) * PAGE_SIZE), at); at += PAGE_SIZE; }
  for (const part of [...blockBytes, ...extra]) { out.set(part, at); at += part.length; }
  return out;
}

const ascending = (list: unknown, below: number): list is number[] =>
  Array.isArray(list) && list.every((x, i) => Number.isInteger(x) && x >= 0 && x < below && (i === 0 || x > list[i - 1]));

export function decodeSnapshotFile(file: Uint8Array): { ok: true; file: SnapshotFile } | { ok: false; error: string } {
  const bad = (why: string) => ({ ok: false as const, error: `snapshot file: ${why}` });
  if (file.length < PREFIX) return bad('shorter than its header');
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  if (view.getUint32(0, true) !== SNAPSHOT_FILE_MAGIC) return bad('bad magic');
  if (view.getUint32(4, true) !== VERSION) return bad(`version ${view.getUint32(4, true)}`);
  const length = view.getUint32(8, true);
  if (PREFIX + length > file.length) return bad('truncated header');
  let h: FileHeader;
  try { h = JSON.parse(new TextDecoder().decode(file.subarray(PREFIX, PREFIX + length)), stateReviver) as FileHeader; } catch (e) {
    return bad(`header: ${(e as Error).message}`);
  }
  const base = h?.base;
  if (!base || !Number.isInteger(base.ramBytes) || !Array.isArray(base.diskBlocks) || !h.saved || !Array.isArray(h.extra)) return bad('header lacks fields');
  if (!ascending(h.frames, base.ramBytes / PAGE_SIZE)) return bad('page list out of range');
  if (!Array.isArray(h.blocks) || h.blocks.length !== base.diskBlocks.length || h.blocks.some((b, i) => !ascending(b, base.diskBlocks[i]))) return bad('block lists do not match the disks');
  let at = PREFIX + length;
  const take = (n: number) => { const part = file.subarray(at, at + n); at += n; return part; };
  const expected = h.frames.length * PAGE_SIZE + h.blocks.reduce((n, b) => n + b.length * BLOCK_SIZE, 0) + h.extra.reduce((n, e) => n + e, 0);
  if (at + expected !== file.length) return bad('sections do not match the file');
  const pages = new Map<number, Uint8Array>();
  for (const f of h.frames) pages.set(f, take(PAGE_SIZE));
  const disks = h.blocks.map((list) => new Map(list.map((b) => [b, take(BLOCK_SIZE)] as [number, Uint8Array])));
  const extra = h.extra.map((n) => take(n));
  return { ok: true, file: { base, saved: h.saved as SavedMachine, pages, disks, meta: h.meta, extra } };
}

/** Why `f` cannot be restored into `m` loaded with `kernel`, or null. */
export function mismatch(f: SnapshotFile, m: Machine, kernel: Uint8Array): string | null {
  const b = f.base;
  if (b.ramBytes !== m.memory.size) return `made with ${b.ramBytes >> 20} MiB of RAM, not ${m.memory.size >> 20}`;
  if (b.cmdline !== m.cmdline) return `made with the command line "${b.cmdline}"`;
  if (b.kernel.bytes !== kernel.length || b.kernel.checksum !== kernelChecksum(kernel)) return 'made from another kernel';
  if (b.share !== (m.share !== null)) return b.share ? 'made with a shared folder' : 'made without a shared folder';
  if (m.nic) return 'this machine has a network card';
  if (b.diskBlocks.length !== m.disks.length || b.diskBlocks.some((n, i) => n !== m.disks[i].blocks)) return 'made with other disks';
  if (m.state !== 'ready' || m.cpu.instret !== 0) return 'the machine is not freshly loaded';
  return null;
}

/**
 * Restore `f` into `m` (built like the file's machine, just loaded with its kernel): RAM's pages,
 * the machine's saved state, and the disks' blocks. The disk writes are made at once, in order,
 * and not waited for (`written` settles when they are done): a store that is still arriving
 * (web/deferred-store.ts) queues them ahead of every request the guest makes later. A mismatch
 * is refused with the reason, the machine untouched.
 */
export function restoreSnapshotFile(f: SnapshotFile, m: Machine, kernel: Uint8Array): { ok: true; written: Promise<void> } | { ok: false; error: string } {
  const problem = mismatch(f, m, kernel);
  if (problem) return { ok: false, error: problem };
  applyPages(m.memory.bytes, f.pages);
  m.loadState(f.saved); // drops the decoded code of the loaded kernel: it is a cache
  const writes: Promise<void>[] = [];
  f.disks.forEach((changed, i) => {
    const list = [...changed.keys()];
    // runs of consecutive blocks in one write each
    for (let j = 0; j < list.length;) {
      let k = j + 1;
      while (k < list.length && list[k] === list[k - 1] + 1) k++;
      const run = new Uint8Array((k - j) * BLOCK_SIZE);
      for (let x = j; x < k; x++) run.set(changed.get(list[x])!, (x - j) * BLOCK_SIZE);
      writes.push(m.disks[i].store.write(list[j], run));
      j = k;
    }
  });
  return { ok: true, written: Promise.all(writes).then(() => {}) };
}
