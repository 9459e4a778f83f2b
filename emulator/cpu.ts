// The CPU (skeleton: the interface other parts code against; the interpreter lands next).
import type { PortBus } from './bus.ts';
import { PhysicalMemory } from './memory.ts';

export interface InterruptController {
  /** Highest-priority pending unmasked IRQ vector, or -1. */
  pendingVector(): number;
  /** The CPU is delivering `vector` now. */
  acknowledge(vector: number): void;
}

export const STOP_NONE = 0, STOP_HALTED = 1, STOP_DEAD = 2, STOP_BREAKPOINT = 3, STOP_REQUESTED = 4;

export interface CpuCounters {
  readonly tlbHits: number;
  readonly tlbMisses: number;
  readonly exceptions: Float64Array;
  readonly irqs: Float64Array;
}

export class Cpu {
  intc: InterruptController | null = null;
  irqPending = false;
  stopRequested = false;
  readonly reg = new Int32Array(8);
  eip = 0; eflags = 2; cpl = 0; cr0 = 0; cr2 = 0; cr3 = 0; vtb = 0; ksp = 0;
  instret = 0;
  stopReason = STOP_NONE;
  deadReason = '';
  readonly counters: CpuCounters = { tlbHits: 0, tlbMisses: 0, exceptions: new Float64Array(256), irqs: new Float64Array(256) };
  constructor(readonly mem: PhysicalMemory, readonly bus: PortBus) {}
  run(_budget: number): number { return 0; }
  step(): number { return 0; }
  addBreakpoint(_linear: number): void {}
  removeBreakpoint(_linear: number): void {}
  clearBreakpoints(): void {}
  translate(linear: number, _cr3?: number, _write?: boolean, _user?: boolean): number { return linear >>> 0; }
  flushTlb(): void {}
  reset(): void {}
}
