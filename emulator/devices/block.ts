// A block device: 4 KiB blocks moved by DMA between RAM and a BlockStore,
// asynchronously, with a completion IRQ. Disk 0 (root) is at 0x1F0–0x207, IRQ 14;
// disk 1 (swap) at 0x170–0x187, IRQ 15; disk 2 (a second volume) at
// 0x1B0–0x1C7, IRQ 11. The three are the same device in different slots.
//
// Registers (dwords at base +): 0 BLOCK, 4 COUNT, 8 ADDR (physical),
// 12 COMMAND (write: 1 read, 2 write) / STATUS (read: bit 0 busy, bit 1 error,
// bit 2 done; the read clears done and error), 16 SIZE (blocks, read-only),
// 20 ERROR (0 none, 1 out of range, 2 bad DMA address, 3 store error; kept
// until the next command).
//
// Timing (the determinism contract): every command completes exactly
// DISK_LATENCY_US (100 µs) of emulated time after it was issued — also a
// refused one (out of range, bad address), so the guest has one completion
// path. At completion a read's data is DMA'd into RAM, STATUS becomes done
// (plus error if it failed), BUSY clears, and the IRQ line goes high until
// the guest reads STATUS. A write's data is taken from RAM when the command is
// issued and handed to the store then. The store answers whenever the host
// manages; if it has not answered by the completion time, `blocked(now)` is
// true and the machine stops emulated time ('io-wait') until `settled()`
// resolves — so the guest sees the same timing however slow the host is.
//
// A command written while busy is ignored. Invariants: at most one request in
// flight; a store failure never escapes as an exception — it becomes
// ERROR = 3 and a message for the host (`onStoreError`).

import type { PortDevice } from '../bus.ts';
import { BLOCK_SIZE, type BlockStore } from '../blockstore/interface.ts';
import {
  TICKS_PER_MICROSECOND, readRegister, writeRegister,
  type Clock, type InterruptLines, type ScheduleListener, type TimedDevice,
} from './device.ts';

export const DISK0_BASE_PORT = 0x1f0;
export const DISK1_BASE_PORT = 0x170;
export const DISK_PORT_COUNT = 24; // six dword registers (docs/architecture.md)
export const DISK2_BASE_PORT = 0x1b0;
export const DISK0_IRQ = 14;
export const DISK1_IRQ = 15;
export const DISK2_IRQ = 11;
/** The machine's disk slots, in order (docs/architecture.md "Devices"). */
export const DISK_SLOTS: readonly { basePort: number; irq: number }[] = [
  { basePort: DISK0_BASE_PORT, irq: DISK0_IRQ },
  { basePort: DISK1_BASE_PORT, irq: DISK1_IRQ },
  { basePort: DISK2_BASE_PORT, irq: DISK2_IRQ },
];
export const DISK_LATENCY_US = 100;

export const DISK_COMMAND_READ = 1;
export const DISK_COMMAND_WRITE = 2;
export const DISK_STATUS_BUSY = 1;
export const DISK_STATUS_ERROR = 2;
export const DISK_STATUS_DONE = 4;
export const DISK_ERROR_NONE = 0;
export const DISK_ERROR_RANGE = 1;
export const DISK_ERROR_DMA = 2;
export const DISK_ERROR_STORE = 3;

const REG_BLOCK = 0;
const REG_COUNT = 1;
const REG_ADDR = 2;
const REG_COMMAND = 3;
const REG_SIZE = 4;
const REG_ERROR = 5;

/** The part of PhysicalMemory a DMA engine uses. */
export interface DmaMemory {
  readonly size: number;
  dmaWrite(p: number, data: Uint8Array): boolean;
  dmaRead(p: number, len: number): Uint8Array | null;
}

export interface BlockDeviceOptions {
  name: string;
  basePort: number;
  irqLine: number;
  store: BlockStore;
  memory: DmaMemory;
  clock: Clock;
  irq: InterruptLines;
  onScheduleChange?: ScheduleListener;
  onStoreError?: (message: string) => void;
  latencyUs?: number;
}

interface Request {
  command: number;
  deadline: number;
  address: number;
  /** Error decided at issue (range, DMA) or by the store; -1 while the store has not answered. */
  error: number;
  data: Uint8Array | null;
  settled: Promise<void>;
}

export interface BlockDeviceSnapshot {
  name: string; blocks: number; block: number; count: number; address: number;
  status: number; error: number; busy: boolean; completesAt: number;
  reads: number; writes: number; failures: number;
}

export interface BlockDeviceState {
  block: number; count: number; address: number; status: number; errorCode: number;
  reads: number; writes: number; failures: number;
}

export class BlockDevice implements PortDevice, TimedDevice {
  readonly name: string;
  private block = 0;
  private count = 0;
  private address = 0;
  private status = 0;
  private errorCode = DISK_ERROR_NONE;
  private request: Request | null = null;
  private readonly latencyTicks: number;
  reads = 0;
  writes = 0;
  failures = 0;

  constructor(private readonly o: BlockDeviceOptions) {
    this.name = o.name;
    this.latencyTicks = (o.latencyUs ?? DISK_LATENCY_US) * TICKS_PER_MICROSECOND;
  }

  get blocks(): number { return this.o.store.blocks; }

  /** The host store behind this disk. */
  get store(): BlockStore { return this.o.store; }

  portIn(port: number, size: number): number {
    const offset = port - this.o.basePort;
    const byte = offset & 3;
    switch (offset >> 2) {
      case REG_BLOCK: return readRegister(this.block, byte, size);
      case REG_COUNT: return readRegister(this.count, byte, size);
      case REG_ADDR: return readRegister(this.address, byte, size);
      case REG_COMMAND: {
        const v = this.status | (this.request ? DISK_STATUS_BUSY : 0);
        if (byte === 0 && this.status !== 0) {
          this.status = 0;
          this.o.irq.setLevel(this.o.irqLine, false);
        }
        return readRegister(v, byte, size);
      }
      case REG_SIZE: return readRegister(this.o.store.blocks, byte, size);
      case REG_ERROR: return readRegister(this.errorCode, byte, size);
      default: return 0;
    }
  }

  portOut(port: number, size: number, value: number): void {
    const offset = port - this.o.basePort;
    const byte = offset & 3;
    switch (offset >> 2) {
      case REG_BLOCK: this.block = writeRegister(this.block, byte, size, value); return;
      case REG_COUNT: this.count = writeRegister(this.count, byte, size, value); return;
      case REG_ADDR: this.address = writeRegister(this.address, byte, size, value); return;
      case REG_COMMAND: if (byte === 0) this.issue(value & 0xff); return;
      default: return;
    }
  }

  nextDeadline(): number { return this.request ? this.request.deadline : Infinity; }

  /** True when the request due at or before `now` still waits for the host store. */
  blocked(now: number): boolean {
    return this.request !== null && now >= this.request.deadline && this.request.error < 0;
  }

  /** Resolves when the store has answered the request in flight (at once if none). */
  settled(): Promise<void> { return this.request ? this.request.settled : Promise.resolve(); }

  advance(now: number): void {
    const r = this.request;
    if (!r || now < r.deadline || r.error < 0) return;
    this.request = null;
    let error = r.error;
    if (error === DISK_ERROR_NONE && r.command === DISK_COMMAND_READ && r.data) {
      if (!this.o.memory.dmaWrite(r.address, r.data)) error = DISK_ERROR_DMA;
    }
    this.errorCode = error;
    this.status = DISK_STATUS_DONE | (error !== DISK_ERROR_NONE ? DISK_STATUS_ERROR : 0);
    if (error !== DISK_ERROR_NONE) this.failures++;
    this.o.irq.setLevel(this.o.irqLine, true);
  }

  snapshot(): BlockDeviceSnapshot {
    return {
      name: this.name, blocks: this.o.store.blocks, block: this.block, count: this.count, address: this.address,
      status: this.status | (this.request ? DISK_STATUS_BUSY : 0), error: this.errorCode, busy: this.request !== null,
      completesAt: this.request ? this.request.deadline : -1, reads: this.reads, writes: this.writes, failures: this.failures,
    };
  }

  /** True while a request is in flight (a snapshot is only taken when no disk is busy). */
  busy(): boolean { return this.request !== null; }

  /**
   * For a machine snapshot (emulator/timetravel): the registers and counters
   * of an idle disk (throws if busy: a request in flight holds host promises
   * that cannot be saved). The bytes on the store are the snapshot's undo log's.
   */
  saveState(): BlockDeviceState {
    if (this.request) throw new Error(`${this.name}: a snapshot needs an idle disk`);
    return {
      block: this.block, count: this.count, address: this.address, status: this.status, errorCode: this.errorCode,
      reads: this.reads, writes: this.writes, failures: this.failures,
    };
  }
  loadState(s: BlockDeviceState): void {
    this.request = null;
    this.block = s.block; this.count = s.count; this.address = s.address; this.status = s.status;
    this.errorCode = s.errorCode; this.reads = s.reads; this.writes = s.writes; this.failures = s.failures;
    this.o.irq.setLevel(this.o.irqLine, this.status !== 0);
  }

  private issue(command: number): void {
    if (this.request || (command !== DISK_COMMAND_READ && command !== DISK_COMMAND_WRITE)) return;
    const deadline = this.o.clock.now() + this.latencyTicks;
    const block = this.block;
    const count = this.count;
    const address = this.address;
    const bytes = count * BLOCK_SIZE;
    let error = DISK_ERROR_NONE;
    if (count === 0 || block + count > this.o.store.blocks) error = DISK_ERROR_RANGE;
    else if (address + bytes > this.o.memory.size) error = DISK_ERROR_DMA;
    const r: Request = { command, deadline, address, error, data: null, settled: Promise.resolve() };
    this.request = r;
    this.status = 0;
    this.o.irq.setLevel(this.o.irqLine, false);
    if (error === DISK_ERROR_NONE) {
      r.error = -1;
      if (command === DISK_COMMAND_READ) {
        this.reads++;
        r.settled = this.ask(r, () => this.o.store.read(block, count), (data) => {
          if (data.length !== bytes) throw new Error(`store returned ${data.length} bytes for ${count} blocks`);
          r.data = data;
        });
      } else {
        this.writes++;
        const data = this.o.memory.dmaRead(address, bytes);
        if (!data) r.error = DISK_ERROR_DMA;
        else r.settled = this.ask(r, () => this.o.store.write(block, data), () => {});
      }
    }
    this.o.onScheduleChange?.();
  }

  /** Start a store operation; whatever happens, the request ends up with an error code. */
  private ask<T>(r: Request, start: () => Promise<T>, accept: (value: T) => void): Promise<void> {
    let p: Promise<T>;
    try { p = start(); } catch (e) { p = Promise.reject(e); }
    return p.then(
      (value) => {
        try { accept(value); r.error = DISK_ERROR_NONE; } catch (e) { this.storeFailed(r, e); }
      },
      (e) => this.storeFailed(r, e),
    );
  }

  private storeFailed(r: Request, e: unknown): void {
    r.error = DISK_ERROR_STORE;
    r.data = null;
    this.o.onStoreError?.(`${this.name}: ${(e as Error)?.message ?? String(e)}`);
  }
}
