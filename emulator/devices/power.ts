// The power-off port: writing a byte to 0x501 turns the machine off with that
// byte as its exit code (the CLI exits with it). Reads return 0.

import type { PortDevice } from '../bus.ts';

export const POWER_PORT = 0x501;

export class PowerControl implements PortDevice {
  constructor(private readonly onPowerOff: (exitCode: number) => void) {}

  portIn(): number { return 0; }

  portOut(_port: number, _size: number, value: number): void {
    this.onPowerOff(value & 0xff);
  }
}
