// The page's boot snapshot ("fast start"): the whole machine's state at the
// shell's first prompt, made at build time by booting the same kernel and
// disk headless in Node (web/boot-snapshot-build.ts), restored by the worker
// instead of booting (web/worker.ts). The file is time travel's snapshot
// written out whole (emulator/timetravel/snapshot-file.ts: the machine's
// saveState, RAM's pages that differ from the freshly loaded kernel, the
// disk blocks the boot wrote); this file adds only what the page needs on
// top: the console bytes printed up to the prompt (replayed to the terminal,
// the file's first extra section) and the RTC's power-on time that makes the
// restored machine's clock read the host's.
//
// Invariants: see snapshot-file.ts (taken with nothing in flight; restored
// only into a machine built like the build's and just loaded with the same
// kernel, else refused with a reason and the caller boots). Emulated time
// goes on from the snapshot's; the caller rings the doorbell's "resumed"
// command so the kernel reads the RTC again (its wall clock was the build's).

import type { Machine } from '../emulator/machine.ts';
import { TICKS_PER_SECOND } from '../emulator/devices/device.ts';
import {
  captureSnapshotFile, decodeSnapshotFile, restoreSnapshotFile, type SnapshotFile,
} from '../emulator/timetravel/snapshot-file.ts';

export interface BootSnapshot { file: SnapshotFile; console: Uint8Array }

/** The file of a machine at its prompt: `console` is what it printed so far; see captureSnapshotFile for the rest. */
export function captureSnapshot(m: Machine, kernel: Uint8Array, baseRam: Uint8Array, console: Uint8Array, pristine: (Uint8Array | null)[]): Promise<Uint8Array> {
  return captureSnapshotFile(m, kernel, baseRam, pristine, { kind: 'boot' }, [console]);
}

export function decodeSnapshot(bytes: Uint8Array): { ok: true; snapshot: BootSnapshot } | { ok: false; error: string } {
  const decoded = decodeSnapshotFile(bytes);
  if (!decoded.ok) return decoded;
  const file = decoded.file;
  if ((file.meta as { kind?: string } | null)?.kind !== 'boot' || file.extra.length !== 1) return { ok: false, error: 'boot snapshot: not a boot snapshot' };
  return { ok: true, snapshot: { file, console: file.extra[0] } };
}

/** Restore into `m`, just loaded with `kernel` (see restoreSnapshotFile). */
export function restoreSnapshot(s: BootSnapshot, m: Machine, kernel: Uint8Array): { ok: true; written: Promise<void> } | { ok: false; error: string } {
  return restoreSnapshotFile(s.file, m, kernel);
}

/** Emulated ticks at the snapshot (Machine.now()). */
export function snapshotTicks(s: BootSnapshot): number {
  return s.file.saved.cpu.instret + s.file.saved.skippedTicks;
}

/** The RTC's power-on time for a restored machine, so that it reads the host's clock now. */
export function bootTimeForRestore(s: BootSnapshot, hostUnixSeconds: number): number {
  return Math.floor(hostUnixSeconds) - Math.floor(snapshotTicks(s) / TICKS_PER_SECOND);
}

/** The root disk's size in blocks, as the snapshot's machine had it (a fast start builds the machine before the disk arrives). */
export function snapshotDiskBlocks(s: BootSnapshot, slot: number): number {
  return s.file.base.diskBlocks[slot] ?? 0;
}
