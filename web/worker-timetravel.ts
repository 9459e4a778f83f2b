// Time travel in the worker: wraps the machine's disks so they can be
// rewound, attaches the recorder (emulator/timetravel/recorder.ts) after the
// kernel is loaded, and carries out the page's requests — step back one
// instruction, go back to the previous trace event, rewind to a point of the
// scheduler timeline — always with the runner paused first.
//
// Bounds: a snapshot every SNAPSHOT_INTERVAL instructions, at most CAP_BYTES
// of snapshots besides one copy of RAM (docs/web.md "Time travel"). A machine
// whose recorder could not start says why in its status, and every request
// answers with that reason instead of acting.

import type { Machine } from '../emulator/machine.ts';
import type { Runner } from '../emulator/runner.ts';
import type { BlockStore } from '../emulator/blockstore/interface.ts';
import { UndoStore } from '../emulator/timetravel/undo-store.ts';
import { Recorder } from '../emulator/timetravel/recorder.ts';
import type { TimeTravelResult, TimeTravelStatus, TraceChunk } from './protocol.ts';

/** Fewer snapshots than the recorder's default: each compares all of RAM (10–30 ms in a browser), so 50 M keeps recording to a few per cent of the run; a step back replays at most this many. */
const SNAPSHOT_INTERVAL = 50_000_000;
const CAP_BYTES = 64 << 20;
/** Ticks per µs: the trace ring's times are the kernel's microseconds of uptime. */
const TICKS_PER_US = 100;

export class TimeTravel {
  private recorder: Recorder | null = null;
  private machine: Machine | null = null;
  private problem = 'no machine is running';

  /** A disk as the machine must see it for rewinds (its bytes go back with the machine). */
  wrapDisk(store: BlockStore): BlockStore { return new UndoStore(store); }

  /** Start recording a freshly loaded machine. */
  attach(m: Machine): void {
    this.machine = m;
    try {
      this.recorder = Recorder.attach(m, { intervalInstructions: SNAPSHOT_INTERVAL, capBytes: CAP_BYTES });
      this.problem = '';
    } catch (e) {
      this.recorder = null;
      this.problem = `time travel is off: ${(e as Error).message}`;
    }
  }

  reset(): void {
    this.recorder?.detach();
    this.recorder = null;
    this.machine = null;
    this.problem = 'no machine is running';
  }

  status(): TimeTravelStatus {
    const m = this.machine;
    const r = this.recorder;
    if (!m || !r) return { available: false, reason: this.problem, instret: m?.cpu.instret ?? 0, oldestInstret: 0, oldestUs: 0, snapshots: 0, bytes: 0, capBytes: CAP_BYTES };
    const b = r.bounds();
    return {
      available: true, reason: '', instret: b.instret, oldestInstret: b.oldestInstret, oldestUs: Math.floor(b.oldestTick / TICKS_PER_US),
      snapshots: b.snapshots, bytes: b.bytes, capBytes: b.capBytes,
    };
  }

  stepBack(runner: Runner | null): Promise<TimeTravelResult> {
    return this.go(runner, (r) => r.stepBack());
  }

  /**
   * Back to the newest trace event with an instruction retired since: the
   * instruction count at its microsecond (the ring is read after pausing;
   * events while the CPU stood halted share the count, so they are passed).
   */
  previousEvent(runner: Runner | null, trace: () => TraceChunk | null): Promise<TimeTravelResult> {
    return this.go(runner, async (r, m) => {
      const chunk = trace();
      const events = [...(chunk?.events ?? [])].sort((a, b) => b.time_us - a.time_us || b.seq - a.seq);
      if (events.length === 0) throw new Error(chunk?.enabled ? 'no trace event yet' : 'no trace events: turn tracing on (echo 1 > /dev/trace)');
      for (const e of events) {
        const at = r.instretAt(e.time_us * TICKS_PER_US);
        if (at === null) break;
        if (at < m.cpu.instret) { await r.goTo(at); return; }
      }
      throw new Error('no trace event within reach before this point');
    });
  }

  /** Back to microsecond `timeUs` of uptime (a click on the scheduler timeline). */
  rewindTo(runner: Runner | null, timeUs: number): Promise<TimeTravelResult> {
    return this.go(runner, (r) => r.goToTick(Math.max(0, Math.floor(timeUs)) * TICKS_PER_US));
  }

  private async go(runner: Runner | null, work: (r: Recorder, m: Machine) => Promise<void>): Promise<TimeTravelResult> {
    const m = this.machine, r = this.recorder;
    if (!m || !r || !runner) return { ok: false, error: this.problem || 'no machine is running' };
    if (runner.status === 'finished') return { ok: false, error: 'the machine is off' };
    if (runner.status === 'running') await runner.pause();
    try {
      await work(r, m);
    } catch (e) {
      return { ok: false, error: (e as Error).message };
    }
    return { ok: true, state: m.state, eip: m.cpu.eip >>> 0, instret: m.cpu.instret };
  }
}
