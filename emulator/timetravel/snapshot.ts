// Whole-machine snapshots for time travel: what one holds, how RAM is kept
// small, and a digest of the machine's state for tests and benchmarks.
//
// A snapshot = the machine's saveState (CPU through Cpu.saveState, each
// device through its own saveState, the clock) + RAM + the disks' bytes, but
// RAM and disks are stored as differences:
// - RAM: the recorder keeps one full copy of RAM as it was at the newest
//   snapshot (the "shadow"). Taking snapshot k compares RAM with the shadow
//   page by page; the pages that differ go into snapshot k's `back` with
//   their old bytes (= their content at snapshot k-1), and the shadow takes
//   the new bytes. Going back to snapshot j applies `back` of k = n..j+1 to
//   the shadow. Dropping the oldest snapshot drops nothing else (its
//   successor's `back` only becomes unneeded and is freed).
// - Disks: the undo log of emulator/timetravel/undo-store.ts, one map per
//   disk per snapshot (each block's bytes at that snapshot, for the blocks
//   written after it).
// Invariant: snapshots are taken between run() calls, with no disk request in
// flight (machine.devicesIdle()), so no host promise is part of the state.
// The same snapshot as a file that stands alone (RAM and disks as differences
// from power-on instead of from the previous snapshot): snapshot-file.ts.

import type { Machine, SavedMachine } from '../machine.ts';
import { PAGE_SIZE } from '../memory.ts';
import type { LogEntry } from './input-log.ts';

export interface Snapshot {
  /** Instructions retired and emulated time (ticks) when it was taken. */
  instret: number;
  now: number;
  saved: SavedMachine;
  /** Frame number → that page's bytes at the previous snapshot, for the pages that changed since. */
  back: Map<number, Uint8Array>;
  /** Per disk slot in machine.disks order: block → its bytes at this snapshot, for blocks written after it. */
  diskUndo: Map<number, Uint8Array>[];
  /** What the host did to the machine after this snapshot, in order (input-log.ts). */
  log: LogEntry[];
}

/** Indices of the `unit`-byte pieces (pages, disk blocks) in which `a` and `b` (the same length) differ, ascending. */
export function differingFrames(a: Uint8Array, b: Uint8Array, unit = PAGE_SIZE): number[] {
  const out: number[] = [];
  const x = new Int32Array(a.buffer, a.byteOffset, a.length >>> 2);
  const y = new Int32Array(b.buffer, b.byteOffset, b.length >>> 2);
  const words = unit >>> 2;
  for (let w = 0, frame = 0; w < x.length; w += words, frame++) {
    const end = w + words;
    let i = w;
    while (i < end && x[i] === y[i]) i++;
    if (i !== end) out.push(frame);
  }
  return out;
}

/**
 * Compare RAM with the shadow; return the shadow's old bytes of every page
 * that differs and bring the shadow up to date.
 */
export function diffIntoShadow(ram: Uint8Array, shadow: Uint8Array): Map<number, Uint8Array> {
  const back = new Map<number, Uint8Array>();
  for (const frame of differingFrames(ram, shadow)) {
    const at = frame * PAGE_SIZE;
    back.set(frame, shadow.slice(at, at + PAGE_SIZE));
    shadow.set(ram.subarray(at, at + PAGE_SIZE), at);
  }
  return back;
}

/** Put `back` pages into `target` (RAM or the shadow). */
export function applyPages(target: Uint8Array, pages: Map<number, Uint8Array>): void {
  for (const [frame, bytes] of pages) target.set(bytes, frame * PAGE_SIZE);
}

/** Bytes a snapshot holds beyond the shadow (pages, disk blocks, log; the saved registers are small). */
export function snapshotBytes(s: Snapshot): number {
  let n = 4096 + s.saved.cpu.mmu.entries.byteLength;
  for (const page of s.back.values()) n += page.length;
  for (const disk of s.diskUndo) for (const block of disk.values()) n += block.length;
  for (const e of s.log) n += 48 + (e.kind === 'input' ? e.bytes.length : e.kind === 'frame' ? e.frame.length : 0);
  return n;
}

/**
 * FNV-1a over the machine's state: the registers and flags, every device's
 * saved state, the TLB, and all of RAM. Two machines with the same digest
 * are in the same state (to the tests' satisfaction); counters that only
 * describe the host's work (TLB hits, decoded pages) are not part of it.
 */
export function machineDigest(m: Machine): string {
  let h = 0x811c9dc5;
  const words = new Int32Array(m.memory.bytes.buffer, m.memory.bytes.byteOffset, m.memory.bytes.length >>> 2);
  for (let i = 0; i < words.length; i++) h = Math.imul(h ^ words[i], 0x01000193);
  const state = JSON.stringify(m.saveState(), (_k, v: unknown) => (ArrayBuffer.isView(v) ? [...(v as Int32Array)] : v === Infinity ? 'inf' : v));
  let g = 0x811c9dc5;
  for (let i = 0; i < state.length; i++) g = Math.imul(g ^ state.charCodeAt(i), 0x01000193);
  return `${(h >>> 0).toString(16).padStart(8, '0')}-${(g >>> 0).toString(16).padStart(8, '0')}`;
}
