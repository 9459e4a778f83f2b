// The interval timer (IRQ 0) and the uptime counter.
//
// Ports: 0x40 dword = period in µs (0 = off; periodic, rearmed on write);
// 0x44 / 0x48 = uptime in µs, low / high dword. Reading the low dword latches
// the high dword, so a 64-bit read (low, then high) is consistent.
// 0x4C dword = one-shot deadline: the low 32 bits of the µs uptime at which
// IRQ 8 is pulsed once (like an HPET comparator beside the periodic tick);
// 0 = off. A deadline not ahead of the uptime (within half the 32-bit range)
// fires at once. It reads back as written until it fires, then as 0.
//
// Invariants: the next tick is an absolute emulated time (`next`); each
// expiry pulses the line once. If the machine ever reaches `advance` late by
// more than a period (it cuts batches at deadlines, so it should not), the
// missed expiries are coalesced into one pulse, as a real PIT's would be
// while its IRQ is already pending. The one-shot's expiry is also an
// absolute time (`oneShotAt`), fixed when the deadline is written, so it
// follows retired instructions like everything else.

import type { PortDevice } from '../bus.ts';
import {
  TICKS_PER_MICROSECOND, readRegister, writeRegister,
  type Clock, type InterruptLines, type ScheduleListener, type TimedDevice,
} from './device.ts';

export const TIMER_BASE_PORT = 0x40;
export const TIMER_PORT_COUNT = 16;
export const TIMER_IRQ = 0;
export const TIMER_ONESHOT_IRQ = 8;

/** Plain data: the registers and absolute deadlines (ticks, -1 = none). */
export interface TimerSnapshot {
  periodUs: number; nextTick: number; uptimeUs: number;
  oneShotUs: number; oneShotTick: number;
}

export interface TimerState { periodUs: number; next: number; latchedHigh: number; oneShotUs: number; oneShotAt: number }

export class Timer implements PortDevice, TimedDevice {
  private periodUs = 0;
  private next = Infinity;
  private latchedHigh = 0;
  private oneShotUs = 0;
  private oneShotAt = Infinity;

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
    if (reg === 3) return readRegister(this.oneShotUs, byte, size);
    const us = this.uptimeUs();
    if (reg === 1) {
      if (byte === 0) this.latchedHigh = Math.floor(us / 0x100000000) >>> 0;
      return readRegister(us >>> 0, byte, size);
    }
    return readRegister(this.latchedHigh, byte, size);
  }

  portOut(port: number, size: number, value: number): void {
    const offset = port - TIMER_BASE_PORT;
    if (offset >> 2 === 3) {
      this.armOneShot(writeRegister(this.oneShotUs, offset & 3, size, value));
      return;
    }
    if (offset >> 2 !== 0) return; // uptime is read-only
    this.periodUs = writeRegister(this.periodUs, offset & 3, size, value);
    this.next = this.periodUs === 0 ? Infinity : this.clock.now() + this.periodTicks();
    this.onScheduleChange();
  }

  nextDeadline(): number { return Math.min(this.next, this.oneShotAt); }

  advance(now: number): void {
    if (now >= this.oneShotAt) {
      this.oneShotAt = Infinity;
      this.oneShotUs = 0;
      this.irq.pulse(TIMER_ONESHOT_IRQ);
    }
    if (now < this.next) return;
    const period = this.periodTicks();
    this.next += period * (Math.floor((now - this.next) / period) + 1);
    this.irq.pulse(TIMER_IRQ);
  }

  snapshot(): TimerSnapshot {
    return {
      periodUs: this.periodUs, nextTick: this.next === Infinity ? -1 : this.next, uptimeUs: this.uptimeUs(),
      oneShotUs: this.oneShotUs, oneShotTick: this.oneShotAt === Infinity ? -1 : this.oneShotAt,
    };
  }

  /** The deadline compares with the uptime's low dword modulo 2^32: ahead
   * means less than 2^31 µs (about 36 minutes) ahead. */
  private armOneShot(deadlineUs: number): void {
    this.oneShotUs = deadlineUs;
    if (deadlineUs === 0) {
      this.oneShotAt = Infinity;
    } else {
      const now = this.clock.now();
      const nowUs = this.uptimeUs();
      const ahead = (deadlineUs - nowUs) | 0;
      this.oneShotAt = ahead <= 0 ? now : (nowUs + ahead) * TICKS_PER_MICROSECOND;
    }
    this.onScheduleChange();
  }

  /** For a machine snapshot (emulator/timetravel): every field that decides what the timer does next. */
  saveState(): TimerState {
    return { periodUs: this.periodUs, next: this.next, latchedHigh: this.latchedHigh, oneShotUs: this.oneShotUs, oneShotAt: this.oneShotAt };
  }
  loadState(s: TimerState): void {
    this.periodUs = s.periodUs; this.next = s.next; this.latchedHigh = s.latchedHigh;
    this.oneShotUs = s.oneShotUs; this.oneShotAt = s.oneShotAt;
  }

  private uptimeUs(): number { return Math.floor(this.clock.now() / TICKS_PER_MICROSECOND); }
  private periodTicks(): number { return this.periodUs * TICKS_PER_MICROSECOND; }
}
