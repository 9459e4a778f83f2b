// The runner: the asynchronous loop around Machine that the CLI, the page's
// Web Worker and the tests use. It runs the machine in slices, gives the
// host's event loop a turn between slices, waits (without spinning) for disk
// answers and console input, and offers pause / continue / step.
//
// Deterministic by default: slices only decide when the host gets a turn,
// never what the guest sees (Machine cuts its batches at device deadlines).
// With `realTime`, emulated time may not run ahead of the host clock: each
// slice may only reach the host's "now" (so `sleep 1` in the guest takes a
// real second), a halted CPU sleeps on the host until its next deadline or
// console input, and the time it spends halted passes in emulated time too.
//
// Only portable APIs here (setImmediate when present, else MessageChannel,
// else setTimeout; performance.now): it runs in Node and in a browser worker.

import type { Machine, MachineState } from './machine.ts';

const TICKS_PER_MS = 100_000;
const FIRST_SLICE = 100_000;
const MIN_SLICE = 10_000;
const MAX_SLICE = 50_000_000;
/** Host time a slice aims at: short enough for a responsive page, long enough that yielding costs little. */
const SLICE_TARGET_MS = 8;

export interface RunnerOptions {
  /** Pace emulated time to the host clock. */
  realTime?: boolean;
  /** Instructions per slice between host turns (default: adapted so a slice takes about 8 ms of host time). */
  sliceInstructions?: number;
  /** Host clock in ms (default performance.now); injectable for tests. */
  hostNow?: () => number;
}

export type RunnerStatus = 'idle' | 'running' | 'paused' | 'finished';

export interface RunResult {
  state: MachineState;
  exitCode: number | null;
  deadReason: string;
}

export interface RunnerEvents {
  /** The runner paused: by request, at a breakpoint, or after a step. */
  paused?: (reason: 'request' | 'breakpoint') => void;
  resumed?: () => void;
}

export class Runner {
  status: RunnerStatus = 'idle';
  realTime: boolean;
  private slice: number;
  private readonly adaptiveSlice: boolean;
  private readonly hostNow: () => number;
  private anchorMs = 0;
  private anchorTicks = 0;
  private pauseRequested = false;
  private stopRequested = false;
  private resume: (() => void) | null = null;
  private wake: (() => void) | null = null;
  private result: Promise<RunResult> | null = null;
  events: RunnerEvents = {};

  constructor(readonly machine: Machine, options: RunnerOptions = {}) {
    this.realTime = options.realTime ?? false;
    this.adaptiveSlice = options.sliceInstructions === undefined;
    this.slice = options.sliceInstructions ?? FIRST_SLICE;
    this.hostNow = options.hostNow ?? (() => performance.now());
  }

  /** Run until the guest powers off or dies (or stop()). Calling it again returns the same promise. */
  run(): Promise<RunResult> {
    if (!this.result) this.result = this.loop();
    return this.result;
  }

  /** Ask the loop to pause after the current slice; resolves once it has. */
  async pause(): Promise<void> {
    if (this.status !== 'running') return;
    this.pauseRequested = true;
    this.kick();
    while (this.status === 'running') await turn();
  }

  /** Go on after a pause or a breakpoint. */
  continue(): void {
    if (this.status !== 'paused') return;
    this.pauseRequested = false;
    const r = this.resume;
    this.resume = null;
    r?.();
  }

  /** While paused: execute `count` instructions (waiting for disk answers as needed); returns the machine state. */
  async step(count = 1): Promise<MachineState> {
    if (this.status === 'running') throw new Error('step while running: pause first');
    const m = this.machine;
    const target = m.cpu.instret + count;
    for (;;) {
      const left = target - m.cpu.instret;
      if (left <= 0) return m.state;
      const before = m.now();
      const state = m.step(left);
      if (state === 'io-wait') { await m.ioSettled(); continue; }
      if (state !== 'running' || m.now() === before) return state;
    }
  }

  /** End the loop (the run() promise resolves with the machine's current state). */
  stop(): void {
    this.stopRequested = true;
    this.kick();
    this.continue();
  }

  /** Turn pacing on or off while running. */
  setRealTime(on: boolean): void {
    this.realTime = on;
    this.anchor();
  }

  private anchor(): void {
    this.anchorMs = this.hostNow();
    this.anchorTicks = this.machine.now();
  }

  /** The emulated tick that corresponds to the host's now. */
  private hostTicks(): number {
    return this.anchorTicks + Math.floor((this.hostNow() - this.anchorMs) * TICKS_PER_MS);
  }

  private kick(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  private async loop(): Promise<RunResult> {
    const m = this.machine;
    this.status = 'running';
    this.anchor();
    for (;;) {
      if (this.stopRequested) break;
      if (this.pauseRequested) { await this.parked('request'); continue; }
      const until = this.realTime ? this.hostTicks() : Infinity;
      const before = m.cpu.instret;
      const started = this.hostNow();
      const state = m.run(this.slice, until);
      this.adapt(m.cpu.instret - before, this.hostNow() - started);
      if (state === 'off' || state === 'dead') break;
      if (state === 'breakpoint') { await this.parked('breakpoint'); continue; }
      if (state === 'io-wait') { await this.race(m.ioSettled()); continue; }
      if (state === 'idle') {
        await this.race(m.whenInput());
        if (this.realTime) m.passIdleTime(this.hostTicks());
        continue;
      }
      if (state === 'sleeping') {
        const ms = (m.nextDeadline() - this.hostTicks()) / TICKS_PER_MS;
        await this.race(m.whenInput(), delay(Math.max(0, ms)));
        if (this.realTime) m.passIdleTime(this.hostTicks());
        continue;
      }
      // 'running': the slice ended. Ahead of the host clock? Wait for it; else just let the host breathe.
      if (this.realTime && m.now() >= this.hostTicks()) await this.race(delay(1));
      else await turn();
    }
    this.status = 'finished';
    return { state: m.state, exitCode: m.exitCode, deadReason: m.deadReason };
  }

  /** Aim the next slice at SLICE_TARGET_MS from how fast this one ran (only full slices tell). */
  private adapt(retired: number, ms: number): void {
    if (!this.adaptiveSlice || retired < this.slice || ms <= 0) return;
    const next = Math.round(retired * (SLICE_TARGET_MS / ms));
    this.slice = Math.max(MIN_SLICE, Math.min(MAX_SLICE, Math.round((this.slice + next) / 2)));
  }

  private async parked(reason: 'request' | 'breakpoint'): Promise<void> {
    this.status = 'paused';
    const resumed = new Promise<void>((r) => { this.resume = r; });
    this.events.paused?.(reason);
    await resumed;
    this.status = 'running';
    this.anchor();
    this.events.resumed?.();
  }

  /** Wait for any of `promises`, or for pause/stop. */
  private race(...promises: Promise<unknown>[]): Promise<unknown> {
    const kicked = new Promise<void>((r) => { this.wake = r; });
    return Promise.race([...promises, kicked]).finally(() => { this.wake = null; });
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * One channel for every turn in a browser: a message to ourselves is a
 * macrotask without setTimeout's clamping, and making a channel per turn
 * costs the browser a new pipe each slice. Waiters are answered in order.
 */
let turnChannel: MessageChannel | null = null;
const turnWaiters: (() => void)[] = [];

/** Give the host event loop one turn (macrotask), in Node and in browsers. */
export function turn(): Promise<void> {
  const g = globalThis as { setImmediate?: (f: () => void) => unknown };
  if (typeof g.setImmediate === 'function') return new Promise((r) => g.setImmediate!(r));
  if (typeof MessageChannel === 'function') {
    if (!turnChannel) {
      turnChannel = new MessageChannel();
      turnChannel.port1.onmessage = () => { turnWaiters.shift()?.(); };
      // Node's ports keep the process alive while listening; browsers have no unref (and need none).
      (turnChannel.port1 as { unref?: () => void }).unref?.();
    }
    const channel = turnChannel;
    return new Promise((r) => { turnWaiters.push(r); channel.port2.postMessage(0); });
  }
  return new Promise((r) => setTimeout(r, 0));
}
