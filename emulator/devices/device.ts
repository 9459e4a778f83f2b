// What every timed device shares: emulated time, deadlines, and the helpers
// that let dword registers be reached with byte, word or dword port accesses.
//
// Emulated time is counted in ticks of the nominal 100 MHz clock: one retired
// instruction is one tick (10 ns). The machine owns the clock; devices only
// read it. A device that has something to do at a future time exposes it as a
// deadline; the machine cuts instruction batches at the earliest deadline and
// then calls `advance(now)`, so events happen at exactly the same tick however
// the host slices the run (determinism).
//
// Invariants: deadlines are absolute tick counts (Infinity = none); a device
// never advances time itself and never throws from a port access.

export const TICKS_PER_MICROSECOND = 100;
export const TICKS_PER_SECOND = 100_000_000;

export interface Clock {
  /** The current emulated time in ticks. */
  now(): number;
}

/** A clock the tests (and device-only setups) move by hand. */
export class ManualClock implements Clock {
  ticks = 0;
  now(): number { return this.ticks; }
}

export interface TimedDevice {
  /** The tick at which `advance` has work to do, or Infinity. */
  nextDeadline(): number;
  /** Do whatever was due at or before `now`. */
  advance(now: number): void;
}

/** Interrupt lines as devices see them (the interrupt controller implements it). */
export interface InterruptLines {
  /** Level-triggered: the line requests service while high. */
  setLevel(line: number, high: boolean): void;
  /** Edge-triggered: latch one request on the line. */
  pulse(line: number): void;
}

/** Called by a device whose next deadline moved while instructions run. */
export type ScheduleListener = () => void;

/** Read `size` bytes at byte `offset` (0–3) of a 32-bit register. */
export function readRegister(value: number, offset: number, size: number): number {
  const v = (value >>> (8 * offset)) >>> 0;
  return size >= 4 ? v : v & ((1 << (8 * size)) - 1);
}

/** Replace `size` bytes at byte `offset` of a 32-bit register with the low bytes of `data`. */
export function writeRegister(old: number, offset: number, size: number, data: number): number {
  if (size >= 4 && offset === 0) return data >>> 0;
  const width = Math.min(size, 4 - offset) * 8;
  const mask = (width >= 32 ? 0xffffffff : ((1 << width) - 1)) << (8 * offset);
  return ((old & ~mask) | ((data << (8 * offset)) & mask)) >>> 0;
}
