// The interval timer (IRQ 0) and the uptime counter.
//
// Ports: 0x40 dword = period in µs (0 = off; periodic, rearmed on write);
// 0x44 / 0x48 = uptime in µs, low / high dword. Reading the low dword latches
// the high dword, so a 64-bit read (low, then high) is consistent.
//
// Invariants: the next tick is an absolute emulated time (`next`); each
// expiry pulses the line once. If the machine ever reaches `advance` late by
// more than a period (it cuts batches at deadlines, so it should not), the
// missed expiries are coalesced into one pulse, as a real PIT's would be
// while its IRQ is already pending.

import type { PortDevice } from '../bus.ts';
import {
  TICKS_PER_MICROSECOND, readRegister, writeRegister,
  type Clock, type InterruptLines, type ScheduleListener, type TimedDevice,
} from './device.ts';

export const TIMER_BASE_PORT = 0x40;
export const TIMER_PORT_COUNT = 12;
export const TIMER_IRQ = 0;

export interface TimerSnapshot { periodUs: number; nextTick: number; uptimeUs: number }

export interface TimerState { periodUs: number; next: number; latchedHigh: number }

export class Timer implements PortDevice, TimedDevice {
  private periodUs = 0;
  private next = Infinity;
  private latchedHigh = 0;

  constructor(
    private readonly clock: Clock,
    private readonly irq: InterruptLines,
    private readonly onScheduleChange: ScheduleListener = () => {},
  ) {}

  portIn(port: number, size: number): number {
    const offset = port - TIMER_BASE_PORT;
    const reg = offset >> 2;
    const byte = offset & 3;
    if (reg === 0) return readRegister(this.periodUs, byte, size);
    const us = this.uptimeUs();
    if (reg === 1) {
      if (byte === 0) this.latchedHigh = Math.floor(us / 0x100000000) >>> 0;
      return readRegister(us >>> 0, byte, size);
    }
    return readRegister(this.latchedHigh, byte, size);
  }

  portOut(port: number, size: number, value: number): void {
    const offset = port - TIMER_BASE_PORT;
    if (offset >> 2 !== 0) return; // uptime is read-only
    this.periodUs = writeRegister(this.periodUs, offset & 3, size, value);
    this.next = this.periodUs === 0 ? Infinity : this.clock.now() + this.periodTicks();
    this.onScheduleChange();
  }

  nextDeadline(): number { return this.next; }

  advance(now: number): void {
    if (now < this.next) return;
    const period = this.periodTicks();
    this.next += period * (Math.floor((now - this.next) / period) + 1);
    this.irq.pulse(TIMER_IRQ);
  }

  snapshot(): TimerSnapshot {
    return { periodUs: this.periodUs, nextTick: this.next === Infinity ? -1 : this.next, uptimeUs: this.uptimeUs() };
  }

  /** For a machine snapshot (emulator/timetravel): every field that decides what the timer does next. */
  saveState(): TimerState { return { periodUs: this.periodUs, next: this.next, latchedHigh: this.latchedHigh }; }
  loadState(s: TimerState): void { this.periodUs = s.periodUs; this.next = s.next; this.latchedHigh = s.latchedHigh; }

  private uptimeUs(): number { return Math.floor(this.clock.now() / TICKS_PER_MICROSECOND); }
  private periodTicks(): number { return this.periodUs * TICKS_PER_MICROSECOND; }
}
