// The port I/O bus: `in`/`out` instructions reach devices through it.
//
// Devices claim a range of ports; the bus never knows what they are. A read
// of an unclaimed port returns all ones (a floating bus), a write to one is
// dropped, as on a PC.

export interface PortDevice {
  /** Read `size` (1, 2 or 4) bytes from `port`. Must not throw. */
  portIn(port: number, size: number): number;
  /** Write the low `size` bytes of `value` to `port`. Must not throw. */
  portOut(port: number, size: number, value: number): void;
}

export class PortBus {
  private readonly devices: (PortDevice | undefined)[] = new Array(0x10000);

  register(first: number, count: number, device: PortDevice): void {
    for (let p = first; p < first + count; p++) {
      if (this.devices[p]) throw new Error(`port 0x${p.toString(16)} already claimed`);
      this.devices[p] = device;
    }
  }

  in(port: number, size: number): number {
    const d = this.devices[port & 0xffff];
    if (!d) return size === 1 ? 0xff : size === 2 ? 0xffff : 0xffffffff;
    return d.portIn(port & 0xffff, size) >>> 0;
  }

  out(port: number, size: number, value: number): void {
    const d = this.devices[port & 0xffff];
    if (d) d.portOut(port & 0xffff, size, value);
  }
}
