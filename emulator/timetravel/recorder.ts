// The time-travel recorder: periodic whole-machine snapshots plus the input
// log, bounded in memory, and the operations on them — go back to an
// instruction count (step back, rewind to a timeline point) or a tick.
//
// Recording: attach() takes snapshot 0 at once and taps the machine's entry
// points (input-log.ts). After every run()/step() call the machine tells the
// recorder (Machine.runObserver), which logs the call and, once
// `intervalInstructions` have retired since the newest snapshot and no disk
// request is in flight, takes the next one (snapshot.ts explains the RAM
// and disk differences). The disks must be UndoStores (undo-store.ts).
//
// Bounds: the recorder holds one copy of RAM (the shadow) plus, per
// snapshot, the pages that changed since the one before, the disk blocks
// overwritten after it and its part of the log. When that exceeds
// `capBytes`, the oldest snapshots are dropped (the newest one always
// stays): how far back one can go shrinks, nothing else changes.
//
// Going back (goTo): wait for the disks; choose the newest snapshot at or
// before the target; put back RAM (shadow + `back` pages), the disks (undo
// logs, newest first) and the machine's saved state; then replay that
// snapshot's log with breakpoints, the event-breakpoint filter, console
// output and the network card's sends switched off, cutting the run that
// crosses the target there (exact budgets retire exactly the instructions
// asked, in any CPU tier). A rewind is final: the snapshots and the log
// after the point are dropped (there is no redo), and running on from there
// is live — new input, not the old future's.

import type { Machine } from '../machine.ts';
import { STOP_BREAKPOINT } from '../cpu.ts';
import { applyPages, diffIntoShadow, snapshotBytes, type Snapshot } from './snapshot.ts';
import { replayInput, tap, type LogEntry, type Untapped } from './input-log.ts';
import { UndoStore } from './undo-store.ts';

export interface RecorderOptions {
  /** Instructions between snapshots (default 20 million: 0.2 s of guest time at most to replay). */
  intervalInstructions?: number;
  /** Memory for snapshots beyond the one RAM copy, in bytes (default 64 MiB). */
  capBytes?: number;
}

export interface TimeTravelBounds {
  /** The earliest instruction count one can go back to, and the present. */
  oldestInstret: number;
  oldestTick: number;
  instret: number;
  snapshots: number;
  /** Bytes held (RAM copy included) and the cap on the part beyond the RAM copy. */
  bytes: number;
  capBytes: number;
}

export const DEFAULT_SNAPSHOT_INTERVAL = 20_000_000;
export const DEFAULT_CAP_BYTES = 64 << 20;

export class TimeTravelError extends Error {
  constructor(message: string) { super(message); this.name = 'TimeTravelError'; }
}

/** Exceptions delivered so far (faults, int n): what a run that retired nothing after a fault changed. */
function faultCount(m: Machine): number {
  let n = 0;
  for (const x of m.cpu.counters.exceptions) n += x;
  return n;
}

export class Recorder {
  readonly intervalInstructions: number;
  readonly capBytes: number;
  private readonly snapshots: Snapshot[] = [];
  private readonly sizes: number[] = [];
  private shadow: Uint8Array;
  private readonly stores: UndoStore[];
  private readonly untapped: Untapped;
  private replaying = false;
  private heldBytes = 0;

  private constructor(readonly machine: Machine, options: RecorderOptions) {
    this.intervalInstructions = Math.max(1, options.intervalInstructions ?? DEFAULT_SNAPSHOT_INTERVAL);
    this.capBytes = Math.max(0, options.capBytes ?? DEFAULT_CAP_BYTES);
    this.stores = machine.disks.map((d) => {
      if (!(d.store instanceof UndoStore)) throw new TimeTravelError(`${d.name}: time travel needs its store wrapped in an UndoStore`);
      return d.store;
    });
    this.shadow = new Uint8Array(machine.memory.size);
    this.untapped = tap(machine, (e) => this.log(e));
  }

  /**
   * Start recording `m` now (between run() calls, with idle disks: right
   * after load() is the usual place). Throws TimeTravelError if it cannot.
   */
  static attach(m: Machine, options: RecorderOptions = {}): Recorder {
    if (m.runObserver) throw new TimeTravelError('the machine already has a recorder');
    if (!m.devicesIdle()) throw new TimeTravelError('a disk request is in flight: attach between requests');
    const r = new Recorder(m, options);
    r.takeSnapshot();
    m.runObserver = { ran: (until, instret, now) => r.ran(until, instret, now) };
    return r;
  }

  bounds(): TimeTravelBounds {
    const oldest = this.snapshots[0];
    return {
      oldestInstret: oldest.instret, oldestTick: oldest.now, instret: this.machine.cpu.instret,
      snapshots: this.snapshots.length, bytes: this.heldBytes + this.shadow.length, capBytes: this.capBytes,
    };
  }

  /** The instruction counts of the snapshots held, oldest first. */
  snapshotPoints(): { instret: number; now: number }[] {
    return this.snapshots.map((s) => ({ instret: s.instret, now: s.now }));
  }

  /** Go back one instruction. */
  stepBack(): Promise<void> {
    return this.goTo(this.machine.cpu.instret - 1);
  }

  /** Go back to the instruction count the machine had at emulated tick `tick` (a timeline point): see instretAt. */
  async goToTick(tick: number): Promise<void> {
    const instret = this.instretAt(tick);
    if (instret === null) throw new TimeTravelError(`tick ${tick} is before the oldest snapshot (tick ${this.snapshots[0].now})`);
    await this.goTo(instret);
  }

  /**
   * Instructions retired by emulated tick `tick`, from the log (a call that
   * spans it is taken to retire one instruction per tick until its end:
   * exact unless it also skipped halted time); null before the oldest
   * snapshot. Never more than the present.
   */
  instretAt(tick: number): number | null {
    const j = this.lastIndex((s) => s.now <= tick);
    if (j < 0) return null;
    const s = this.snapshots[j];
    let instret = s.instret, now = s.now;
    for (const e of s.log) {
      if (e.kind !== 'run') continue;
      if (e.now > tick) { instret += Math.max(0, Math.min(e.instret - instret, tick - now)); break; }
      instret = e.instret; now = e.now;
    }
    return Math.min(instret, this.machine.cpu.instret);
  }

  /**
   * Put the machine in the state it had when `target` instructions had
   * retired: the last moment before the next one retired (so input that
   * arrived while it stood there, halted, has arrived). Call only while the machine is not
   * running (the runner paused). Rejects with TimeTravelError when the
   * target is outside [oldest snapshot, now].
   */
  async goTo(target: number): Promise<void> {
    const m = this.machine;
    if (!Number.isInteger(target) || target > m.cpu.instret) throw new TimeTravelError(`cannot go forward to ${target}: the machine is at ${m.cpu.instret}`);
    const j = this.lastIndex((s) => s.instret <= target);
    if (j < 0) throw new TimeTravelError(`instruction ${target} is before the oldest snapshot (${this.snapshots[0].instret})`);
    await m.ioSettled();
    await Promise.all(this.stores.map((s) => s.idle()));
    const n = this.snapshots.length - 1;
    for (let k = n; k > j; k--) applyPages(this.shadow, this.snapshots[k].back);
    m.memory.bytes.set(this.shadow);
    for (let k = n; k >= j; k--) {
      for (let d = 0; d < this.stores.length; d++) await this.stores[d].writeBack(this.snapshots[k].diskUndo[d]);
    }
    const snap = this.snapshots[j];
    this.snapshots.length = j + 1;
    this.sizes.length = j + 1;
    snap.diskUndo = this.stores.map(() => new Map());
    this.stores.forEach((s, d) => { s.epoch = snap.diskUndo[d]; });
    m.loadState(snap.saved);
    const log = snap.log;
    snap.log = [];
    await this.replay(log, target);
    this.recount();
  }

  /** Stop recording: the machine's entry points stay wrapped but log nothing, and no more snapshots are taken. */
  detach(): void {
    this.machine.runObserver = null;
    this.replaying = true; // the taps see this and drop what they are given
    for (const s of this.stores) s.recording = false;
  }

  // ---- inside ----

  private ran(until: number, instret: number, now: number): void {
    if (this.replaying) return;
    const m = this.machine;
    this.log({ kind: 'run', until, instret, now, faults: faultCount(m) });
    const newest = this.snapshots[this.snapshots.length - 1];
    if (instret - newest.instret < this.intervalInstructions || m.state === 'off' || m.state === 'dead' || !m.devicesIdle()) return;
    this.takeSnapshot();
  }

  private log(e: LogEntry): void {
    if (this.replaying) return;
    const newest = this.snapshots[this.snapshots.length - 1];
    newest.log.push(e);
  }

  private takeSnapshot(): void {
    const m = this.machine;
    const back = this.snapshots.length === 0 ? (this.shadow.set(m.memory.bytes), new Map<number, Uint8Array>()) : diffIntoShadow(m.memory.bytes, this.shadow);
    const snap: Snapshot = {
      instret: m.cpu.instret, now: m.now(), saved: m.saveState(), back,
      diskUndo: this.stores.map(() => new Map()), log: [],
    };
    if (this.snapshots.length > 0) {
      // The previous snapshot's size is final now that its log and undo are closed.
      this.sizes[this.sizes.length - 1] = snapshotBytes(this.snapshots[this.snapshots.length - 1]);
    }
    this.snapshots.push(snap);
    this.sizes.push(snapshotBytes(snap));
    this.stores.forEach((s, d) => { s.epoch = snap.diskUndo[d]; });
    this.heldBytes = this.sizes.reduce((a, b) => a + b, 0);
    while (this.heldBytes > this.capBytes && this.snapshots.length > 1) this.dropOldest();
  }

  private dropOldest(): void {
    this.snapshots.shift();
    this.heldBytes -= this.sizes.shift()!;
    const first = this.snapshots[0];
    this.heldBytes -= this.sizes[0];
    first.back = new Map(); // it led to the snapshot just dropped
    this.sizes[0] = snapshotBytes(first);
    this.heldBytes += this.sizes[0];
  }

  private recount(): void {
    for (let i = 0; i < this.snapshots.length; i++) this.sizes[i] = snapshotBytes(this.snapshots[i]);
    this.heldBytes = this.sizes.reduce((a, b) => a + b, 0);
  }

  private lastIndex(pred: (s: Snapshot) => boolean): number {
    for (let i = this.snapshots.length - 1; i >= 0; i--) if (pred(this.snapshots[i])) return i;
    return -1;
  }

  /** Repeat `log` from the restored snapshot up to instruction `target`; what was repeated becomes the log again. */
  private async replay(log: LogEntry[], target: number): Promise<void> {
    const m = this.machine;
    const breakpoints = m.listBreakpoints();
    for (const b of breakpoints) m.removeBreakpoint(b);
    const filter = m.breakFilter;
    m.breakFilter = null;
    m.muteConsole = true;
    if (m.nic) m.nic.muted = true;
    this.replaying = true;
    const kept: LogEntry[] = [];
    try {
      for (const e of log) {
        if (e.kind !== 'run') { replayInput(e, this.untapped); kept.push(e); continue; }
        const cut = e.instret > target;
        const end = cut ? { kind: 'run' as const, until: e.until, instret: target, now: -1, faults: -1 } : e;
        for (;;) {
          const state = m.replayRun(end.instret, end.now, end.until);
          if (state === 'io-wait') { await m.ioSettled(); continue; }
          break;
        }
        // A call may end with a fault delivered and nothing retired after it (a single step onto a faulting
        // instruction): the instruction count cannot say so, the fault count can. One budget unit delivers it.
        while (!cut && faultCount(m) < end.faults && m.cpu.instret === end.instret) {
          if (m.step(1) === 'io-wait') await m.ioSettled();
        }
        if (m.cpu.instret !== end.instret || (!cut && (m.now() !== end.now || faultCount(m) !== end.faults))) {
          throw new TimeTravelError(`the replay diverged: at ${m.cpu.instret}/${m.now()} where the log says ${end.instret}/${end.now}`);
        }
        kept.push(cut ? { ...end, now: m.now(), faults: faultCount(m) } : e);
        if (cut) break;
      }
    } finally {
      this.replaying = false;
      m.muteConsole = false;
      if (m.nic) m.nic.muted = false;
      m.breakFilter = filter;
      for (const b of breakpoints) m.addBreakpoint(b);
      this.snapshots[this.snapshots.length - 1].log = kept;
    }
    // Paused on a breakpoint's instruction: continuing passes it, as after a breakpoint stop.
    if (m.listBreakpoints().includes(m.cpu.eip >>> 0)) m.cpu.stopReason = STOP_BREAKPOINT;
  }
}
