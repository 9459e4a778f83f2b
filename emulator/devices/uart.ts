// The console UART: a 16550 subset at 0x3F8–0x3FF, IRQ 4.
//
// Registers (offset from 0x3F8): 0 RBR (read) / THR (write), 1 IER (bit 0 RX
// data, bit 1 THR empty), 2 IIR (read) / FCR (write), 3 LCR (bit 7 DLAB
// switches offsets 0–1 to the divisor latch, which is stored and ignored),
// 4 MCR, 5 LSR (bit 0 data ready, bits 5–6 transmitter empty), 6 MSR, 7 SCR.
//
// Transmission is instantaneous: a byte written to THR goes straight to the
// output callback, so the transmitter is always empty. Host input is queued
// without limit (the host, not the guest, decides how fast to type) and read
// one byte per RBR read.
//
// Interrupt line (level): high while (IER.RX and data ready) or (IER.THRE and
// a THR-empty event is pending). The THR-empty event is raised when IER.THRE is
// turned on and after every THR write, and is consumed by reading IIR when it
// is the reported cause or by the next THR write — as on a 16550.

import type { PortDevice } from '../bus.ts';
import type { InterruptLines } from './device.ts';

export const UART_BASE_PORT = 0x3f8;
export const UART_PORT_COUNT = 8;
export const UART_IRQ = 4;

const IER_RX = 0x01;
const IER_THRE = 0x02;
const LCR_DLAB = 0x80;
const IIR_NONE = 0x01;
const IIR_THRE = 0x02;
const IIR_RX = 0x04;
const LSR_DATA_READY = 0x01;
const LSR_TRANSMITTER_EMPTY = 0x60;
const MSR_CARRIER_READY_CLEAR = 0xb0;

export interface UartSnapshot { ier: number; lcr: number; mcr: number; inputQueued: number; irq: boolean }

export interface UartState {
  input: number[]; ier: number; lcr: number; mcr: number; scratch: number; divisor: number; fifoControl: number; threPending: boolean;
}

export class Uart implements PortDevice {
  private input: number[] = [];
  private inputHead = 0;
  private ier = 0;
  private lcr = 0;
  private mcr = 0;
  private scratch = 0;
  private divisor = 1;
  private fifoControl = 0;
  private threPending = false;
  private inputListener: (() => void) | null = null;

  constructor(
    private readonly irq: InterruptLines,
    private readonly output: (byte: number) => void,
  ) {}

  /** Host → guest: queue bytes for the guest to read; raises RX if enabled. */
  receive(bytes: Uint8Array | string): void {
    if (typeof bytes === 'string') bytes = new TextEncoder().encode(bytes);
    for (let i = 0; i < bytes.length; i++) this.input.push(bytes[i]);
    this.updateLine();
    if (bytes.length && this.inputListener) this.inputListener();
  }

  /** Bytes queued and not yet read by the guest. */
  queuedInput(): number { return this.input.length - this.inputHead; }

  /** Called whenever the host queues input (the machine wakes an idle run loop with it). */
  onInput(listener: (() => void) | null): void { this.inputListener = listener; }

  portIn(port: number, _size: number): number {
    switch (port - UART_BASE_PORT) {
      case 0:
        if (this.lcr & LCR_DLAB) return this.divisor & 0xff;
        return this.readByte();
      case 1:
        if (this.lcr & LCR_DLAB) return (this.divisor >> 8) & 0xff;
        return this.ier;
      case 2: {
        const fifoBits = this.fifoControl & 1 ? 0xc0 : 0;
        const cause = this.cause();
        if (cause === IIR_THRE) { this.threPending = false; this.updateLine(); }
        return fifoBits | cause;
      }
      case 3: return this.lcr;
      case 4: return this.mcr;
      case 5: return (this.queuedInput() ? LSR_DATA_READY : 0) | LSR_TRANSMITTER_EMPTY;
      case 6: return MSR_CARRIER_READY_CLEAR;
      case 7: return this.scratch;
      default: return 0xff;
    }
  }

  portOut(port: number, _size: number, value: number): void {
    const byte = value & 0xff;
    switch (port - UART_BASE_PORT) {
      case 0:
        if (this.lcr & LCR_DLAB) { this.divisor = (this.divisor & 0xff00) | byte; return; }
        this.output(byte);
        this.threPending = true;
        this.updateLine();
        return;
      case 1:
        if (this.lcr & LCR_DLAB) { this.divisor = (this.divisor & 0xff) | (byte << 8); return; }
        if (byte & IER_THRE && !(this.ier & IER_THRE)) this.threPending = true;
        this.ier = byte & (IER_RX | IER_THRE);
        this.updateLine();
        return;
      case 2: this.fifoControl = byte; return;
      case 3: this.lcr = byte; return;
      case 4: this.mcr = byte; return;
      case 7: this.scratch = byte; return;
      default: return;
    }
  }

  snapshot(): UartSnapshot {
    return { ier: this.ier, lcr: this.lcr, mcr: this.mcr, inputQueued: this.queuedInput(), irq: this.cause() !== IIR_NONE };
  }

  /** For a machine snapshot (emulator/timetravel): registers and the unread input. */
  saveState(): UartState {
    return {
      input: this.input.slice(this.inputHead), ier: this.ier, lcr: this.lcr, mcr: this.mcr, scratch: this.scratch,
      divisor: this.divisor, fifoControl: this.fifoControl, threPending: this.threPending,
    };
  }
  loadState(s: UartState): void {
    this.input = s.input.slice();
    this.inputHead = 0;
    this.ier = s.ier; this.lcr = s.lcr; this.mcr = s.mcr; this.scratch = s.scratch;
    this.divisor = s.divisor; this.fifoControl = s.fifoControl; this.threPending = s.threPending;
    this.updateLine();
  }

  private readByte(): number {
    if (this.inputHead >= this.input.length) return 0;
    const b = this.input[this.inputHead++];
    if (this.inputHead >= 4096 && this.inputHead * 2 >= this.input.length) {
      this.input = this.input.slice(this.inputHead);
      this.inputHead = 0;
    }
    this.updateLine();
    return b;
  }

  private cause(): number {
    if (this.ier & IER_RX && this.queuedInput()) return IIR_RX;
    if (this.ier & IER_THRE && this.threPending) return IIR_THRE;
    return IIR_NONE;
  }

  private updateLine(): void {
    this.irq.setLevel(UART_IRQ, this.cause() !== IIR_NONE);
  }
}
