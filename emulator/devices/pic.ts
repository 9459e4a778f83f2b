// The interrupt controller: sixteen request lines, a mask, an in-service set
// and end-of-interrupt, in the spirit of a pair of 8259s without the
// initialisation dance.
//
// Ports (docs/architecture.md): write 0x20 = EOI of the highest-priority line
// in service; 0x21 / 0xA1 = mask of lines 0–7 / 8–15 (1 = masked, readable);
// read 0x20 = requesting lines (bits 0–15, masked or not).
//
// Priority is by line number: line 0 is the highest. A line is deliverable
// when it requests, is unmasked, and no line of the same or higher priority is
// in service. IRQ n is delivered as vector 32 + n; the CPU calls
// `pendingVector` and then `acknowledge`, which moves the line into service
// and consumes an edge request. A level request stays while its device holds
// the line high, so it is delivered again after EOI if still asserted.
//
// Invariant: after every change `onDeliverable` is told whether something is
// deliverable now (the machine mirrors it into cpu.irqPending, the CPU's
// one-flag fast check).

import type { PortDevice } from '../bus.ts';
import type { InterruptLines } from './device.ts';

export const PIC_COMMAND_PORT = 0x20;
export const PIC_MASK_LOW_PORT = 0x21;
export const PIC_MASK_HIGH_PORT = 0xa1;
export const IRQ_VECTOR_BASE = 32;
export const IRQ_LINES = 16;

export interface PicSnapshot {
  requests: number;
  mask: number;
  inService: number;
  deliverableVector: number;
}

export interface PicState { levels: number; edges: number; mask: number; inService: number }

export class Pic implements PortDevice, InterruptLines {
  private levels = 0;
  private edges = 0;
  private mask = 0;
  private inService = 0;

  constructor(private readonly onDeliverable: (deliverable: boolean) => void = () => {}) {}

  setLevel(line: number, high: boolean): void {
    const bit = 1 << (line & 15);
    const next = high ? this.levels | bit : this.levels & ~bit;
    if (next === this.levels) return;
    this.levels = next;
    this.changed();
  }

  pulse(line: number): void {
    this.edges |= 1 << (line & 15);
    this.changed();
  }

  /** The vector of the deliverable line of highest priority, or -1. */
  pendingVector(): number {
    const line = this.deliverableLine();
    return line < 0 ? -1 : IRQ_VECTOR_BASE + line;
  }

  /** The CPU took `vector`: the line goes into service and its edge request is consumed. */
  acknowledge(vector: number): void {
    const line = vector - IRQ_VECTOR_BASE;
    if (line < 0 || line >= IRQ_LINES) return;
    const bit = 1 << line;
    this.inService |= bit;
    this.edges &= ~bit;
    this.changed();
  }

  /** End of interrupt: the highest-priority line in service leaves service. */
  endOfInterrupt(): void {
    if (this.inService === 0) return;
    this.inService &= this.inService - 1; // clears the lowest set bit = highest priority
    this.changed();
  }

  portIn(port: number, size: number): number {
    let v: number;
    if (port === PIC_COMMAND_PORT) v = this.levels | this.edges;
    else if (port === PIC_MASK_LOW_PORT) v = this.mask & 0xff;
    else if (port === PIC_MASK_HIGH_PORT) v = (this.mask >> 8) & 0xff;
    else return size === 1 ? 0xff : size === 2 ? 0xffff : 0xffffffff;
    return size === 1 ? v & 0xff : v;
  }

  portOut(port: number, _size: number, value: number): void {
    if (port === PIC_COMMAND_PORT) this.endOfInterrupt();
    else if (port === PIC_MASK_LOW_PORT) { this.mask = (this.mask & 0xff00) | (value & 0xff); this.changed(); }
    else if (port === PIC_MASK_HIGH_PORT) { this.mask = (this.mask & 0x00ff) | ((value & 0xff) << 8); this.changed(); }
  }

  snapshot(): PicSnapshot {
    return { requests: this.levels | this.edges, mask: this.mask, inService: this.inService, deliverableVector: this.pendingVector() };
  }

  /** For a machine snapshot (emulator/timetravel); loading re-derives the CPU's "deliverable" mirror. */
  saveState(): PicState { return { levels: this.levels, edges: this.edges, mask: this.mask, inService: this.inService }; }
  loadState(s: PicState): void {
    this.levels = s.levels; this.edges = s.edges; this.mask = s.mask; this.inService = s.inService;
    this.changed();
  }

  reset(): void {
    this.levels = this.edges = this.mask = this.inService = 0;
    this.changed();
  }

  private deliverableLine(): number {
    const requests = (this.levels | this.edges) & ~this.mask & 0xffff;
    if (requests === 0) return -1;
    const best = requests & -requests;
    const serving = this.inService & -this.inService;
    if (serving !== 0 && serving <= best) return -1;
    return 31 - Math.clz32(best);
  }

  private changed(): void {
    this.onDeliverable(this.deliverableLine() >= 0);
  }
}
