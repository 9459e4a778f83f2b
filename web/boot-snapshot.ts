// The page's boot snapshot ("fast start"): the whole machine's state at the
// shell's first prompt, made at build time by booting the same kernel and
// disk headless in Node (web/boot-snapshot-build.ts), restored by the worker
// instead of booting (web/worker.ts). A minimal format of the page's own:
// the emulator had no machine snapshot when this was written; it reads the
// devices' fields generically so it needs no change in them.
//
// What it holds: RAM (sparse, web/sparse-image.ts), the CPU's architectural
// state, every device's plain fields (numbers, strings, booleans, arrays,
// typed arrays, maps: the registers, queues and deadlines; references to
// other objects are the machine's wiring and are left alone), the machine's
// skipped idle ticks, the console bytes printed up to the prompt (replayed to
// the terminal) and, per disk, the blocks the boot wrote (the rest is the
// image the page fetches anyway).
//
// Invariants: a snapshot is taken only when nothing is in flight (no disk or
// shared-folder request, no doorbell request, no network card), so no host
// callback is lost; it is restored only into a machine built with the same
// RAM, disks (same sizes), shared folder and kernel (length and checksum),
// freshly loaded with that kernel (for its symbols); anything else is refused
// with a reason and the caller boots normally. The decoded TLB and code
// cache are dropped (they are caches: refilled from RAM). Emulated time goes
// on from the snapshot's; the RTC is given a boot time such that it reads
// the host's clock, and the caller rings the doorbell's "resumed" command so
// the kernel reads it again (its wall clock was the build's).
//
// File layout (little-endian u32s): magic 'HKSN', version, header length;
// the header (JSON, SnapshotHeader); then the sections it lists, in order.

import type { Machine } from '../emulator/machine.ts';
import { TICKS_PER_SECOND } from '../emulator/devices/device.ts';
import { BLOCK_SIZE } from '../emulator/blockstore/interface.ts';
import { decodeSparse, encodeSparse } from './sparse-image.ts';

export const SNAPSHOT_MAGIC = 0x4e534b48; // 'HKSN'
const VERSION = 1;
const PREFIX = 12;

/** A device field's value as JSON: numbers that JSON cannot hold, typed arrays and maps are tagged. */
type Encoded = number | string | boolean | null | Encoded[] | { $: string; v: Encoded };

export interface SnapshotHeader {
  ramBytes: number;
  cmdline: string;
  kernel: { bytes: number; checksum: number };
  /** Per disk slot: its size in blocks and the blocks the boot wrote (their contents are a section each, in order). */
  disks: { blocks: number; written: number[] }[];
  share: boolean;
  /** Emulated ticks at the snapshot. */
  now: number;
  cpu: Record<string, Encoded>;
  machine: Record<string, Encoded>;
  devices: Record<string, Record<string, Encoded>>;
  /** Section lengths in bytes, in file order: RAM (sparse), console text, then each disk's written blocks. */
  sections: number[];
}

export interface BootSnapshot { header: SnapshotHeader; ram: Uint8Array; console: Uint8Array; diskBlocks: Uint8Array[] }

/** FNV-1a over the kernel image: enough to tell a snapshot made from another kernel (not a security check). */
export function kernelChecksum(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h >>> 0;
}

const TYPED: Record<string, new (b: ArrayBuffer) => ArrayBufferView> = {
  Uint8Array, Int8Array, Uint16Array, Int16Array, Uint32Array, Int32Array, Float64Array, Float32Array,
};

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

/** The value as JSON, or undefined when it is wiring (a function, a class instance) rather than state. */
function encode(v: unknown): Encoded | undefined {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : { $: 'num', v: String(v) };
  if (Array.isArray(v)) {
    const out: Encoded[] = [];
    for (const x of v) { const e = encode(x); if (e === undefined) return undefined; out.push(e); }
    return out;
  }
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    const name = v.constructor.name;
    if (!TYPED[name]) return undefined;
    return { $: name, v: toBase64(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)) };
  }
  if (v instanceof Map) {
    const entries: Encoded[] = [];
    for (const [k, x] of v) { const ek = encode(k), ex = encode(x); if (ek === undefined || ex === undefined) return undefined; entries.push([ek, ex]); }
    return { $: 'map', v: entries };
  }
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const out: Encoded[] = [];
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) { const e = encode(x); if (e === undefined) return undefined; out.push([k, e]); }
    return { $: 'obj', v: out };
  }
  return undefined;
}

function decode(e: Encoded): unknown {
  if (e === null || typeof e !== 'object') return e;
  if (Array.isArray(e)) return e.map(decode);
  if (e.$ === 'num') return Number(e.v);
  if (e.$ === 'map') return new Map((e.v as Encoded[][]).map(([k, x]) => [decode(k), decode(x)]));
  if (e.$ === 'obj') return Object.fromEntries((e.v as Encoded[][]).map(([k, x]) => [k as string, decode(x)]));
  const Typed = TYPED[e.$];
  if (!Typed) throw new Error(`unknown value tag ${e.$}`);
  const bytes = fromBase64(e.v as string);
  return new Typed(bytes.slice().buffer);
}

/** An object's state fields (see the file's comment). */
function fieldsOf(o: object): Record<string, Encoded> {
  const out: Record<string, Encoded> = {};
  for (const [k, v] of Object.entries(o)) { const e = encode(v); if (e !== undefined) out[k] = e; }
  return out;
}

/** Put saved fields back; maps and typed arrays are refilled in place (readonly references stay valid). */
function restoreFields(o: object, fields: Record<string, Encoded>): void {
  const target = o as Record<string, unknown>;
  for (const [k, e] of Object.entries(fields)) {
    const v = decode(e);
    const now = target[k];
    if (now instanceof Map && v instanceof Map) { now.clear(); for (const [a, b] of v) now.set(a, b); }
    else if (ArrayBuffer.isView(now) && ArrayBuffer.isView(v) && now.byteLength === v.byteLength) {
      new Uint8Array(now.buffer, now.byteOffset, now.byteLength).set(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
    } else target[k] = v;
  }
}

/** The CPU fields that are architectural state (the rest are caches, counters or the debugger's). */
const CPU_FIELDS = ['eipValue', 'cr0Value', 'cr2', 'cplValue', 'vtb', 'ksp', 'tp', 'halted', 'instret', 'irqFlag', 'excVector', 'excCode'] as const;

/** The machine's devices by name (the network card is never in a snapshot). */
function devicesOf(m: Machine): Record<string, object> {
  const d: Record<string, object> = { pic: m.pic, timer: m.timer, uart: m.uart, consoleSize: m.consoleSize, doorbell: m.doorbell };
  m.disks.forEach((disk, i) => { d[`disk${i}`] = disk; });
  if (m.share) d.share = m.share;
  return d;
}

/** Why the machine cannot be saved now, or null. */
export function notSaveable(m: Machine): string | null {
  if (m.nic) return 'a machine with a network card is not saved';
  if (m.state === 'off' || m.state === 'dead') return `the machine is ${m.state}`;
  if (m.disks.some((d) => d.snapshot().busy)) return 'a disk request is in flight';
  if (m.doorbell.snapshot().waiting) return 'a doorbell request is waiting';
  if (m.share && m.share.nextDeadline() !== Infinity) return 'a shared-folder request is in flight';
  return null;
}

/**
 * The machine's state now, as a file (uncompressed). `console` is what the guest printed so far;
 * `pristine[i]` disk i's contents at power-on (null: all zeros), to find the blocks the boot wrote.
 */
export async function captureSnapshot(m: Machine, kernel: Uint8Array, console: Uint8Array, pristine: (Uint8Array | null)[]): Promise<Uint8Array> {
  const problem = notSaveable(m);
  if (problem) throw new Error(`no snapshot: ${problem}`);
  const cpu = m.cpu as unknown as Record<string, unknown>;
  const cpuFields: Record<string, Encoded> = { st: encode(m.cpu.st)!, cr3: m.cpu.cr3 };
  for (const k of CPU_FIELDS) cpuFields[k] = encode(cpu[k])!;
  const devices: Record<string, Record<string, Encoded>> = {};
  for (const [name, device] of Object.entries(devicesOf(m))) devices[name] = fieldsOf(device);
  const disks: SnapshotHeader['disks'] = [];
  const diskBlocks: Uint8Array[] = [];
  for (let i = 0; i < m.disks.length; i++) {
    const store = m.disks[i].store;
    const now = await store.read(0, store.blocks);
    const before = pristine[i];
    const written: number[] = [];
    for (let b = 0; b < store.blocks; b++) {
      const a = now.subarray(b * BLOCK_SIZE, (b + 1) * BLOCK_SIZE);
      const o = before?.subarray(b * BLOCK_SIZE, (b + 1) * BLOCK_SIZE);
      let same = true;
      for (let j = 0; j < BLOCK_SIZE && same; j++) same = a[j] === (o ? o[j] ?? 0 : 0);
      if (!same) written.push(b);
    }
    const blocks = new Uint8Array(written.length * BLOCK_SIZE);
    written.forEach((b, j) => blocks.set(now.subarray(b * BLOCK_SIZE, (b + 1) * BLOCK_SIZE), j * BLOCK_SIZE));
    disks.push({ blocks: store.blocks, written });
    diskBlocks.push(blocks);
  }
  const ram = encodeSparse(m.memory.bytes, BLOCK_SIZE);
  const header: SnapshotHeader = {
    ramBytes: m.memory.size, cmdline: m.cmdline, kernel: { bytes: kernel.length, checksum: kernelChecksum(kernel) },
    disks, share: m.share !== null, now: m.now(), cpu: cpuFields,
    machine: { skippedTicks: m.idleTicks() }, devices,
    sections: [ram.length, console.length, ...diskBlocks.map((b) => b.length)],
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(PREFIX + json.length + header.sections.reduce((a, b) => a + b, 0));
  const view = new DataView(out.buffer);
  view.setUint32(0, SNAPSHOT_MAGIC, true);
  view.setUint32(4, VERSION, true);
  view.setUint32(8, json.length, true);
  out.set(json, PREFIX);
  let at = PREFIX + json.length;
  for (const part of [ram, console, ...diskBlocks]) { out.set(part, at); at += part.length; }
  return out;
}

export function decodeSnapshot(file: Uint8Array): { ok: true; snapshot: BootSnapshot } | { ok: false; error: string } {
  if (file.length < PREFIX) return { ok: false, error: 'boot snapshot: shorter than its header' };
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  if (view.getUint32(0, true) !== SNAPSHOT_MAGIC) return { ok: false, error: 'boot snapshot: bad magic' };
  if (view.getUint32(4, true) !== VERSION) return { ok: false, error: `boot snapshot: version ${view.getUint32(4, true)}` };
  const length = view.getUint32(8, true);
  if (PREFIX + length > file.length) return { ok: false, error: 'boot snapshot: truncated header' };
  let header: SnapshotHeader;
  try { header = JSON.parse(new TextDecoder().decode(file.subarray(PREFIX, PREFIX + length))) as SnapshotHeader; } catch (e) {
    return { ok: false, error: `boot snapshot: header: ${(e as Error).message}` };
  }
  const parts: Uint8Array[] = [];
  let at = PREFIX + length;
  for (const n of header.sections ?? []) { parts.push(file.subarray(at, at + n)); at += n; }
  if (at !== file.length || parts.length !== 2 + (header.disks?.length ?? 0)) return { ok: false, error: 'boot snapshot: sections do not match the file' };
  const [ram, console, ...diskBlocks] = parts;
  return { ok: true, snapshot: { header, ram, console, diskBlocks } };
}

/** Why `s` cannot be restored into `m` loaded with `kernel`, or null. */
export function mismatch(s: BootSnapshot, m: Machine, kernel: Uint8Array): string | null {
  const h = s.header;
  if (h.ramBytes !== m.memory.size) return `made with ${h.ramBytes >> 20} MiB of RAM, not ${m.memory.size >> 20}`;
  if (h.cmdline !== m.cmdline) return `made with the command line "${h.cmdline}"`;
  if (h.kernel.bytes !== kernel.length || h.kernel.checksum !== kernelChecksum(kernel)) return 'made from another kernel';
  if (h.share !== (m.share !== null)) return h.share ? 'made with a shared folder' : 'made without a shared folder';
  if (m.nic) return 'this machine has a network card';
  if (h.disks.length !== m.disks.length || h.disks.some((d, i) => d.blocks !== m.disks[i].blocks)) return 'made with other disks';
  return null;
}

/**
 * Restore `s` into `m` (built like the snapshot's machine and loaded with its kernel) and write the
 * blocks the boot wrote to the disks' stores. The writes are made at once, in order, and not waited
 * for (`written` settles when they are done): a store that is still arriving (web/deferred-store.ts)
 * queues them ahead of every request the guest makes later. Returns an error (and leaves the
 * machine to be thrown away) when they do not match; then nothing was written.
 */
export function restoreSnapshot(s: BootSnapshot, m: Machine, kernel: Uint8Array): { ok: true; written: Promise<void> } | { ok: false; error: string } {
  const problem = mismatch(s, m, kernel);
  if (problem) return { ok: false, error: problem };
  const h = s.header;
  m.memory.bytes.fill(0);
  const ram = decodeSparse(s.ram, m.memory.bytes);
  if (!ram.ok) return { ok: false, error: `boot snapshot: RAM: ${ram.error}` };
  const writes: Promise<void>[] = [];
  for (let i = 0; i < m.disks.length; i++) {
    const { written } = h.disks[i];
    const data = s.diskBlocks[i];
    // runs of consecutive blocks in one write each
    for (let j = 0; j < written.length;) {
      let k = j + 1;
      while (k < written.length && written[k] === written[k - 1] + 1) k++;
      writes.push(m.disks[i].store.write(written[j], data.subarray(j * BLOCK_SIZE, k * BLOCK_SIZE)));
      j = k;
    }
  }
  const devices = devicesOf(m);
  for (const [name, fields] of Object.entries(h.devices)) {
    if (!devices[name]) return { ok: false, error: `boot snapshot: no device ${name} here` };
    restoreFields(devices[name], fields);
  }
  const cpu = m.cpu;
  cpu.code.dropAll();
  cpu.st.set(decode(h.cpu.st) as Int32Array);
  const fields = Object.fromEntries(CPU_FIELDS.map((k) => [k, decode(h.cpu[k])]));
  cpu.cr0 = fields.cr0Value as number; // paging and write protect follow, and the TLB is flushed
  cpu.cr3 = h.cpu.cr3 as number;
  cpu.setCpl(fields.cplValue as number);
  restoreFields(cpu, Object.fromEntries(CPU_FIELDS.map((k) => [k, h.cpu[k]])));
  cpu.attention = 1; // look at interrupts and stops before the next instruction
  cpu.flushTlb();
  restoreFields(m, h.machine);
  return { ok: true, written: Promise.all(writes).then(() => {}) };
}

/** The RTC's power-on time for a restored machine, so that it reads the host's clock now. */
export function bootTimeForRestore(s: BootSnapshot, hostUnixSeconds: number): number {
  return Math.floor(hostUnixSeconds) - Math.floor(s.header.now / TICKS_PER_SECOND);
}
