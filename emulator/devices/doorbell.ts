// The debug doorbell: a mailbox through which the host (the page's kill
// button) asks the kernel for something, like a management controller or a
// virtio control queue would. The device only carries requests; what they
// mean and whether to honour them is the kernel driver's decision
// (kernel/dev/doorbell.c): the host never acts on the guest's state itself.
//
// Ports (docs/architecture.md, "Devices"), dwords at 0x510: +0 COMMAND
// (read: the request at the head of the queue, 0 when none; 1 = send a
// signal), +4 ARG0 and +8 ARG1 (its arguments: pid and signal number),
// +12 RESULT (write: the guest's answer to the head request, a signed
// value such as 0 or -errno; this completes it and shows the next one).
// IRQ 5, a level: high while a request waits.
//
// Invariants: requests are answered in order; at most QUEUE_LIMIT wait
// (the host is refused beyond that, never the guest surprised); a result
// written while the queue is empty is ignored; nothing here throws.

import type { PortDevice } from '../bus.ts';
import { readRegister, writeRegister, type InterruptLines } from './device.ts';

export const DOORBELL_BASE_PORT = 0x510;
export const DOORBELL_PORT_COUNT = 16;
export const DOORBELL_IRQ = 5;
export const DOORBELL_SIGNAL = 1;
/** The machine was resumed from a saved state: the kernel reads its wall clock from the RTC again. */
export const DOORBELL_CLOCK_RESUMED = 2;
const QUEUE_LIMIT = 16;

export interface DoorbellRequest {
  command: number;
  arg0: number;
  arg1: number;
  /** Called with the guest's answer (signed). */
  done?: (result: number) => void;
}

export interface DoorbellSnapshot { waiting: number; answered: number; lastResult: number | null }

export interface DoorbellState {
  queue: DoorbellRequest[]; result: number; answered: number; lastResult: number | null;
}

export class Doorbell implements PortDevice {
  private readonly queue: DoorbellRequest[] = [];
  private result = 0;
  private answered = 0;
  private lastResult: number | null = null;

  constructor(private readonly irq: InterruptLines, private readonly irqLine = DOORBELL_IRQ) {}

  /** Host → guest: queue a request; false when the queue is full (the request is dropped). */
  ring(request: DoorbellRequest): boolean {
    if (this.queue.length >= QUEUE_LIMIT) return false;
    this.queue.push({ ...request, command: request.command >>> 0, arg0: request.arg0 >>> 0, arg1: request.arg1 >>> 0 });
    this.irq.setLevel(this.irqLine, true);
    return true;
  }

  portIn(port: number, size: number): number {
    const offset = port - DOORBELL_BASE_PORT;
    const head = this.queue[0];
    const reg = offset >> 2;
    const value = reg === 3 ? this.result : !head ? 0 : reg === 0 ? head.command : reg === 1 ? head.arg0 : head.arg1;
    return readRegister(value, offset & 3, size);
  }

  portOut(port: number, size: number, value: number): void {
    const offset = port - DOORBELL_BASE_PORT;
    if (offset >> 2 !== 3) return; // only RESULT is writable
    this.result = writeRegister(this.result, offset & 3, size, value);
    if ((offset & 3) + size < 4) return; // the answer counts once its last byte is written
    const head = this.queue.shift();
    if (!head) return;
    this.answered++;
    this.lastResult = this.result | 0;
    this.irq.setLevel(this.irqLine, this.queue.length > 0);
    head.done?.(this.result | 0);
  }

  /** For a machine snapshot (emulator/timetravel): the queue (without the host's callbacks) and RESULT. */
  saveState(): DoorbellState {
    return {
      queue: this.queue.map((r) => ({ command: r.command, arg0: r.arg0, arg1: r.arg1 })),
      result: this.result, answered: this.answered, lastResult: this.lastResult,
    };
  }
  loadState(s: DoorbellState): void {
    this.queue.length = 0;
    for (const r of s.queue) this.queue.push({ ...r });
    this.result = s.result; this.answered = s.answered; this.lastResult = s.lastResult;
    this.irq.setLevel(this.irqLine, this.queue.length > 0);
  }

  snapshot(): DoorbellSnapshot { return { waiting: this.queue.length, answered: this.answered, lastResult: this.lastResult }; }
}
