// The real-time clock: port 0x70 (dword) reads the Unix time in seconds.
//
// It is the boot time the machine was given plus the emulated seconds since
// power-on, so a deterministic run reads deterministic dates; with real-time
// pacing emulated time follows the host clock and so does the RTC.
// Writes are ignored (the clock cannot be set).

import type { PortDevice } from '../bus.ts';
import { TICKS_PER_SECOND, readRegister, type Clock } from './device.ts';

export const RTC_PORT = 0x70;
export const RTC_PORT_COUNT = 4;

export class Rtc implements PortDevice {
  constructor(private readonly clock: Clock, private readonly bootTime: number) {}

  /** Unix time in seconds, now. */
  unixTime(): number {
    return this.bootTime + Math.floor(this.clock.now() / TICKS_PER_SECOND);
  }

  portIn(port: number, size: number): number {
    return readRegister(this.unixTime() >>> 0, port - RTC_PORT, size);
  }

  portOut(): void {}
}
