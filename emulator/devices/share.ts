// The shared-folder device: a request/response transport (in the spirit of
// virtio-fs or 9p over virtio) through which the kernel's hostfs driver
// (kernel/fs/hostfs/) reads and writes a folder of the host. The device
// only carries requests and answers them from its backend (emulator/share/:
// a Node directory or an in-memory map); every file-system decision above
// "this name in this directory" is the kernel's.
//
// Ports (docs/architecture.md "Devices"), dwords at 0x530, IRQ 9 (a level):
//   +0  ID        read: 0x48534852 ('RHSH' in memory), the device is there
//   +4  RING      physical address of the request ring (16-byte entries,
//                 RING_ENTRIES of them); writing it resets both indexes
//   +8  DOORBELL  write: the producer index (requests posted so far, mod
//                 2^32); read: the consumer index (requests answered)
//   +12 STATUS    read: bit 0 = answers since the last read (the read clears
//                 it and lowers the IRQ)
// Ring entry i (at RING + 16 × (i mod RING_ENTRIES)): +0 buffer address,
// +4 buffer size (≤ MAX_BUFFER), +8 result (written by the device: the reply's
// length ≥ 0, or −errno), +12 done (the device writes 1; the guest clears it
// when posting). The buffer holds the request — a 40-byte header (op, six
// arguments, name length, second name length, data length) then the names
// and data — and the device writes the reply over it. Operations and reply
// layouts: see SHARE_OP below and docs/architecture.md.
//
// Nodes are named to the guest by ids the device gives out (the root is 1):
// an id stands for a path in the folder until the node is removed; a rename
// moves every id below it. Timing: requests posted are answered together
// SHARE_LATENCY_US of emulated time after the doorbell (the backends are
// synchronous), so a run is deterministic for the same folder contents.
//
// Invariants: a guest name is used only when it is a plain name (no '/',
// NUL, '.' or '..'), so nothing outside the folder is reachable; nothing
// here throws — a backend failure becomes −errno in the entry.

import type { PortDevice } from '../bus.ts';
import { ShareError, shareErrorOf, type ShareBackend, type ShareStat } from '../share/backend.ts';
import {
  TICKS_PER_MICROSECOND, readRegister, writeRegister,
  type Clock, type InterruptLines, type ScheduleListener, type TimedDevice,
} from './device.ts';
import type { DmaMemory } from './block.ts';

export const SHARE_BASE_PORT = 0x530;
export const SHARE_PORT_COUNT = 16;
export const SHARE_IRQ = 9;
export const SHARE_ID = 0x48534852;
export const SHARE_RING_ENTRIES = 64;
export const SHARE_ENTRY_SIZE = 16;
export const SHARE_MAX_BUFFER = 64 * 1024;
export const SHARE_HEADER_SIZE = 40;
export const SHARE_LATENCY_US = 20;
export const SHARE_ROOT_ID = 1;

/** Operations: arguments a0..a5, names, data → reply (docs/architecture.md). */
export const SHARE_OP = {
  LOOKUP: 1,    // a0 dir, name (`..`: the parent, the root's own) → attr
  GETATTR: 2,   // a0 id → attr
  READ: 3,      // a0 id, a1 offset, a2 count → the bytes
  WRITE: 4,     // a0 id, a1 offset, data → (result: count written)
  CREATE: 5,    // a0 dir, a1 mode, name → attr (EEXIST if taken)
  MKDIR: 6,     // a0 dir, a1 mode, name → attr
  UNLINK: 7,    // a0 dir, name
  RMDIR: 8,     // a0 dir, name
  RENAME: 9,    // a0 old dir, a1 new dir, name (old), name2 (new)
  READDIR: 10,  // a0 dir, a1 index → u32 count, then records {ino, dtype, next index, name length, name, padded to 4}
  SETATTR: 11,  // a0 id, a1 valid (1 mode, 8 size, 16 atime, 32 mtime), a2 mode, a3 size, a4 atime, a5 mtime → attr
  READLINK: 12, // a0 id → the target
} as const;
const ATTR_MODE = 1;
const ATTR_SIZE = 8;
const ATTR_ATIME = 16;
const ATTR_MTIME = 32;

/** Linux errno numbers of the names backends use. */
const ERRNO: Record<string, number> = {
  EPERM: 1, ENOENT: 2, EIO: 5, EBADF: 9, EACCES: 13, EFAULT: 14, EBUSY: 16, EEXIST: 17, EXDEV: 18,
  ENOTDIR: 20, EISDIR: 21, EINVAL: 22, EFBIG: 27, ENOSPC: 28, EROFS: 30, EMLINK: 31, ENAMETOOLONG: 36,
  ENOSYS: 38, ENOTEMPTY: 39, ELOOP: 40, EOVERFLOW: 75, ESTALE: 116, EDQUOT: 122,
};
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
const DT = { file: 8, dir: 4, symlink: 10 } as const;

export interface ShareDeviceOptions {
  backend: ShareBackend;
  memory: DmaMemory;
  clock: Clock;
  irq: InterruptLines;
  onScheduleChange?: ScheduleListener;
  latencyUs?: number;
}

export interface ShareSnapshot { ring: number; produced: number; consumed: number; requests: number; failures: number }

interface Request { op: number; a: number[]; name: string; name2: string; data: Uint8Array }

export interface ShareDeviceState {
  ring: number; produced: number; consumed: number; status: number; deadline: number;
  paths: [number, string][]; ids: [string, number][]; nextId: number; requests: number; failures: number;
}

export class ShareDevice implements PortDevice, TimedDevice {
  private ring = 0;
  private produced = 0;
  private consumed = 0;
  private status = 0;
  private deadline = Infinity;
  private readonly latencyTicks: number;
  /** id → path ('' the root); ids are never reused within a run. */
  private readonly paths = new Map<number, string>([[SHARE_ROOT_ID, '']]);
  private readonly ids = new Map<string, number>([['', SHARE_ROOT_ID]]);
  private nextId = SHARE_ROOT_ID + 1;
  requests = 0;
  failures = 0;

  constructor(private readonly o: ShareDeviceOptions) {
    this.latencyTicks = (o.latencyUs ?? SHARE_LATENCY_US) * TICKS_PER_MICROSECOND;
  }

  portIn(port: number, size: number): number {
    const offset = port - SHARE_BASE_PORT;
    const byte = offset & 3;
    switch (offset >> 2) {
      case 0: return readRegister(SHARE_ID, byte, size);
      case 1: return readRegister(this.ring, byte, size);
      case 2: return readRegister(this.consumed, byte, size);
      case 3: {
        const v = this.status;
        if (byte === 0 && v !== 0) {
          this.status = 0;
          this.o.irq.setLevel(SHARE_IRQ, false);
        }
        return readRegister(v, byte, size);
      }
      default: return 0;
    }
  }

  portOut(port: number, size: number, value: number): void {
    const offset = port - SHARE_BASE_PORT;
    const byte = offset & 3;
    switch (offset >> 2) {
      case 1:
        this.ring = writeRegister(this.ring, byte, size, value);
        this.produced = this.consumed = 0;
        this.deadline = Infinity;
        return;
      case 2:
        this.produced = writeRegister(this.produced, byte, size, value);
        if (this.produced !== this.consumed && this.deadline === Infinity) {
          this.deadline = this.o.clock.now() + this.latencyTicks;
          this.o.onScheduleChange?.();
        }
        return;
      default: return;
    }
  }

  nextDeadline(): number { return this.deadline; }

  advance(now: number): void {
    if (now < this.deadline) return;
    this.deadline = Infinity;
    let answered = 0;
    // At most a ring's worth per doorbell: entries beyond would overwrite unanswered ones.
    while (this.consumed !== this.produced && answered < SHARE_RING_ENTRIES) {
      this.answer(this.consumed % SHARE_RING_ENTRIES);
      this.consumed = (this.consumed + 1) >>> 0;
      answered++;
    }
    if (this.consumed !== this.produced) this.deadline = now + this.latencyTicks;
    if (answered > 0) {
      this.status = 1;
      this.o.irq.setLevel(SHARE_IRQ, true);
    }
  }

  snapshot(): ShareSnapshot {
    return { ring: this.ring, produced: this.produced, consumed: this.consumed, requests: this.requests, failures: this.failures };
  }

  /**
   * For a machine snapshot (emulator/timetravel): the ring registers and the
   * id ↔ path table. The host folder itself belongs to the host and is not
   * rewound.
   */
  saveState(): ShareDeviceState {
    return {
      ring: this.ring, produced: this.produced, consumed: this.consumed, status: this.status, deadline: this.deadline,
      paths: [...this.paths], ids: [...this.ids], nextId: this.nextId, requests: this.requests, failures: this.failures,
    };
  }
  loadState(s: ShareDeviceState): void {
    this.ring = s.ring; this.produced = s.produced; this.consumed = s.consumed; this.status = s.status;
    this.deadline = s.deadline; this.nextId = s.nextId; this.requests = s.requests; this.failures = s.failures;
    this.paths.clear();
    this.ids.clear();
    for (const [id, path] of s.paths) this.paths.set(id, path);
    for (const [path, id] of s.ids) this.ids.set(path, id);
    this.o.irq.setLevel(SHARE_IRQ, this.status !== 0);
  }

  private answer(slot: number): void {
    const at = this.ring + slot * SHARE_ENTRY_SIZE;
    const entry = this.o.memory.dmaRead(at, SHARE_ENTRY_SIZE);
    if (!entry) return;   // a ring outside RAM: nothing to answer into
    const view = new DataView(entry.buffer, entry.byteOffset, SHARE_ENTRY_SIZE);
    const address = view.getUint32(0, true);
    const length = view.getUint32(4, true);
    this.requests++;
    let result: number;
    let reply: Uint8Array | null = null;
    const buffer = length >= SHARE_HEADER_SIZE && length <= SHARE_MAX_BUFFER ? this.o.memory.dmaRead(address, length) : null;
    if (!buffer) {
      result = -ERRNO.EFAULT;
    } else {
      try {
        const answer = this.perform(this.parse(buffer), length);
        if (typeof answer === 'number') {
          result = answer;
        } else {
          reply = answer;
          result = answer.length;
        }
      } catch (e) {
        const err = shareErrorOf(e);
        result = -(ERRNO[err.code] ?? ERRNO.EIO);
      }
    }
    if (result < 0) this.failures++;
    if (reply && !this.o.memory.dmaWrite(address, reply)) result = -ERRNO.EFAULT;
    view.setInt32(8, result, true);
    view.setUint32(12, 1, true);
    this.o.memory.dmaWrite(at, entry);
  }

  private parse(b: Uint8Array): Request {
    const v = new DataView(b.buffer, b.byteOffset, b.length);
    const u = (i: number): number => v.getUint32(i * 4, true);
    const nameLen = u(7);
    const name2Len = u(8);
    const dataLen = u(9);
    if (SHARE_HEADER_SIZE + nameLen + name2Len + dataLen > b.length) throw new ShareError('EINVAL');
    const text = (from: number, n: number): string => new TextDecoder().decode(b.subarray(from, from + n));
    const start = SHARE_HEADER_SIZE;
    return {
      op: u(0), a: [u(1), u(2), u(3), u(4), u(5), u(6)],
      name: text(start, nameLen), name2: text(start + nameLen, name2Len),
      data: b.slice(start + nameLen + name2Len, start + nameLen + name2Len + dataLen),
    };
  }

  private pathOf(id: number): string {
    const p = this.paths.get(id);
    if (p === undefined) throw new ShareError('ESTALE');
    return p;
  }

  private idOf(path: string): number {
    let id = this.ids.get(path);
    if (id === undefined) {
      id = this.nextId++;
      this.ids.set(path, id);
      this.paths.set(id, path);
    }
    return id;
  }

  /** Forgets the ids of path and everything below it (removed), or moves them (renamed). */
  private moveIds(from: string, to: string | null): void {
    for (const [path, id] of [...this.ids.entries()]) {
      if (path !== from && !path.startsWith(`${from}/`)) continue;
      this.ids.delete(path);
      this.paths.delete(id);
      if (to !== null) {
        const moved = to + path.slice(from.length);
        const old = this.ids.get(moved);
        if (old !== undefined) this.paths.delete(old);
        this.ids.set(moved, id);
        this.paths.set(id, moved);
      }
    }
  }

  /** `..` of a directory: its parent in the folder; the root's is the root (never above it). */
  private parentOf(dirId: number): string {
    const dir = this.pathOf(dirId);
    const slash = dir.lastIndexOf('/');
    return slash < 0 ? '' : dir.slice(0, slash);
  }

  private child(dirId: number, name: string): string {
    if (name.length === 0 || name === '.' || name === '..' || name.includes('/') || name.includes('\0')) throw new ShareError('EINVAL');
    if (new TextEncoder().encode(name).length > 255) throw new ShareError('ENAMETOOLONG');
    const dir = this.pathOf(dirId);
    return dir === '' ? name : `${dir}/${name}`;
  }

  private attr(path: string, st?: ShareStat): Uint8Array {
    const s = st ?? this.o.backend.stat(path);
    const type = s.type === 'dir' ? S_IFDIR : s.type === 'symlink' ? S_IFLNK : S_IFREG;
    const out = new Uint8Array(28);
    const v = new DataView(out.buffer);
    [this.idOf(path), type | (s.mode & 0o7777), Math.min(s.size, 0xffffffff), s.nlink, s.atime, s.mtime, s.ctime]
      .forEach((x, i) => v.setUint32(i * 4, x >>> 0, true));
    return out;
  }

  /** The reply's bytes, or a bare result (WRITE's count, 0 for a name change). */
  private perform(r: Request, capacity: number): Uint8Array | number {
    const b = this.o.backend;
    const [a0, a1, a2, a3, a4, a5] = r.a;
    switch (r.op) {
      case SHARE_OP.LOOKUP: return this.attr(r.name === '..' ? this.parentOf(a0) : this.child(a0, r.name));
      case SHARE_OP.GETATTR: return this.attr(this.pathOf(a0));
      case SHARE_OP.READ: return b.read(this.pathOf(a0), a1, Math.min(a2, capacity));
      case SHARE_OP.WRITE: return b.write(this.pathOf(a0), a1, r.data);
      case SHARE_OP.CREATE: { const p = this.child(a0, r.name); b.create(p, a1); return this.attr(p); }
      case SHARE_OP.MKDIR: { const p = this.child(a0, r.name); b.mkdir(p, a1); return this.attr(p); }
      case SHARE_OP.UNLINK: { const p = this.child(a0, r.name); b.unlink(p); this.moveIds(p, null); return 0; }
      case SHARE_OP.RMDIR: { const p = this.child(a0, r.name); b.rmdir(p); this.moveIds(p, null); return 0; }
      case SHARE_OP.RENAME: {
        const from = this.child(a0, r.name);
        const to = this.child(a1, r.name2);
        b.rename(from, to);
        if (from !== to) this.moveIds(from, to);
        return 0;
      }
      case SHARE_OP.READDIR: return this.readdir(this.pathOf(a0), a1, capacity);
      case SHARE_OP.SETATTR: {
        const p = this.pathOf(a0);
        if (a1 & ATTR_SIZE) b.truncate(p, a3);
        if (a1 & ATTR_MODE) b.chmod(p, a2);
        if (a1 & (ATTR_ATIME | ATTR_MTIME)) {
          const st = b.stat(p);
          b.utimes(p, a1 & ATTR_ATIME ? a4 : st.atime, a1 & ATTR_MTIME ? a5 : st.mtime);
        }
        return this.attr(p);
      }
      case SHARE_OP.READLINK: return new TextEncoder().encode(b.readlink(this.pathOf(a0)));
      default: throw new ShareError('ENOSYS');
    }
  }

  private readdir(dir: string, index: number, capacity: number): Uint8Array {
    const names = this.o.backend.list(dir);
    const out = new Uint8Array(capacity);
    const v = new DataView(out.buffer);
    let at = 4;
    let count = 0;
    for (let i = index; i < names.length; i++) {
      const name = new TextEncoder().encode(names[i]);
      const size = 16 + ((name.length + 3) & ~3);
      if (at + size > capacity) break;
      const path = dir === '' ? names[i] : `${dir}/${names[i]}`;
      let type: keyof typeof DT;
      try { type = this.o.backend.stat(path).type; } catch { continue; }   // gone since the listing
      v.setUint32(at, this.idOf(path), true);
      v.setUint32(at + 4, DT[type], true);
      v.setUint32(at + 8, i + 1, true);
      v.setUint32(at + 12, name.length, true);
      out.set(name, at + 16);
      at += size;
      count++;
    }
    v.setUint32(0, count, true);
    return out.subarray(0, at);
  }
}
