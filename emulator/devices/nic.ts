// The network card: Ethernet frames moved by DMA between descriptor rings in
// guest RAM and a cable (emulator/net/cable.ts), with an interrupt. The model
// is the e1000's idea, simplified: two rings of 16-byte descriptors, each
// with a HEAD the card advances and a TAIL the driver advances; the card owns
// the descriptors from HEAD up to (not including) TAIL.
//
// Ports 0x540–0x55F (docs/architecture.md "Devices"), dwords, IRQ 10 (a level):
//   +0x00 ID       read: 0x43494E48 ('HNIC' in memory)
//   +0x04 CONTROL  bit 0 RX enable, bit 1 TX enable; writing bit 31 resets the
//                  card (rings, causes, mask and the DMA error; counters stay)
//   +0x08 STATUS   bit 0 link up (a cable is attached), bit 1 a DMA was refused
//   +0x0C CAUSE    read: the causes raised since the last read (the read
//                  clears them and lowers the IRQ): RX 1, TX 2, LINK 4,
//                  RX_NO_BUFFER 8, DMA_ERROR 16
//   +0x10 RX_TAIL  the receive ring's tail (the driver gave buffers up to here)
//   +0x14 TX_TAIL  the transmit ring's tail (writing it starts transmission)
//   +0x18 SELECT   which bank register DATA reaches
//   +0x1C DATA     the selected bank register (BANK below)
// Descriptor (16 bytes): +0 buffer address (physical), +4 length (TX: the
// frame's; RX: the buffer's capacity), +8 status (the card writes DONE 1,
// ERROR 2), +12 RX: the received frame's length.
//
// Timing (the determinism contract): nothing happens inside a batch of
// instructions. A TX_TAIL write schedules transmission TX_LATENCY_US later;
// frames and carrier changes from the cable queue on the host side and are
// taken at the machine's next batch boundary (advance), when the card writes
// them into the ring and raises the IRQ. A frame that finds no free receive
// descriptor, or RX disabled, is dropped and counted. The card takes frames
// addressed to its MAC, broadcast and multicast ones.
//
// Invariants: a descriptor or buffer outside RAM never makes the host throw:
// it sets STATUS bit 1, raises DMA_ERROR, records the address in the bank's
// DMA_ERROR_ADDRESS and stops that ring until a reset; heads only move over
// descriptors the card has finished (status written).

import type { PortDevice } from '../bus.ts';
import type { CableSocket, Wire } from '../net/cable.ts';
import {
  TICKS_PER_MICROSECOND, readRegister, writeRegister,
  type Clock, type InterruptLines, type ScheduleListener, type TimedDevice,
} from './device.ts';
import type { DmaMemory } from './block.ts';

export const NIC_BASE_PORT = 0x540;
export const NIC_PORT_COUNT = 32;
export const NIC_IRQ = 10;
export const NIC_ID = 0x43494e48;
export const NIC_TX_LATENCY_US = 2;
export const NIC_DESCRIPTOR_SIZE = 16;
export const NIC_MAX_DESCRIPTORS = 1024;
export const ETH_HEADER = 14;
export const ETH_FRAME_MAX = 1514;
/** Frames waiting on the host side for the next batch boundary; beyond this the wire drops them. */
const INBOX_LIMIT = 1024;

export const NIC_REG = { ID: 0x00, CONTROL: 0x04, STATUS: 0x08, CAUSE: 0x0c, RX_TAIL: 0x10, TX_TAIL: 0x14, SELECT: 0x18, DATA: 0x1c } as const;
export const NIC_CONTROL = { RX_ENABLE: 1, TX_ENABLE: 2, RESET: 0x80000000 } as const;
export const NIC_STATUS = { LINK_UP: 1, DMA_ERROR: 2 } as const;
export const NIC_CAUSE = { RX: 1, TX: 2, LINK: 4, RX_NO_BUFFER: 8, DMA_ERROR: 16 } as const;
export const NIC_DESC = { DONE: 1, ERROR: 2 } as const;
/** Bank registers, reached through SELECT and DATA. */
export const NIC_BANK = {
  MAC_LOW: 0, MAC_HIGH: 1,
  RX_BASE: 2, RX_COUNT: 3, RX_HEAD: 4, RX_TAIL: 5,
  TX_BASE: 6, TX_COUNT: 7, TX_HEAD: 8, TX_TAIL: 9,
  MASK: 10, DMA_ERROR_ADDRESS: 11,
  RX_PACKETS: 16, RX_BYTES: 17, TX_PACKETS: 18, TX_BYTES: 19, RX_DROPPED: 20, TX_DROPPED: 21, DMA_ERRORS: 22,
} as const;

export interface NicCounters {
  rxPackets: number; rxBytes: number; txPackets: number; txBytes: number;
  rxDropped: number; txDropped: number; dmaErrors: number;
}

/** A frame the card sent or took off the wire, for captures (pcap, the page's network pane). */
export interface CapturedFrame {
  direction: 'rx' | 'tx';
  /** Emulated time in ticks when the card moved it. */
  tick: number;
  frame: Uint8Array;
}

export interface NicOptions {
  memory: DmaMemory;
  clock: Clock;
  irq: InterruptLines;
  mac: Uint8Array;
  onScheduleChange?: ScheduleListener;
  /** Something arrived from the cable: a halted machine waiting for input should look again. */
  onWake?: () => void;
}

interface Ring { base: number; count: number; head: number; tail: number; stopped: boolean }

type WireEvent = { kind: 'frame'; frame: Uint8Array } | { kind: 'carrier'; up: boolean };

/** A locally administered MAC for machine `index` (02:48:4b = 'HK'): distinct per index. */
export function macForIndex(index: number): Uint8Array {
  return new Uint8Array([0x02, 0x48, 0x4b, (index >>> 16) & 0xff, (index >>> 8) & 0xff, index & 0xff]);
}

export function formatMac(mac: Uint8Array): string {
  return [...mac].map((b) => b.toString(16).padStart(2, '0')).join(':');
}

export interface NicState {
  control: number; linkUp: boolean; dmaError: boolean; dmaErrorAddress: number; cause: number; mask: number;
  select: number; rx: Ring; tx: Ring; txDeadline: number; inbox: WireEvent[]; inboxSince: number; counters: NicCounters;
}

export class NetworkCardDevice implements PortDevice, TimedDevice, CableSocket {
  readonly mac: Uint8Array;
  private control = 0;
  private linkUp = false;
  private dmaError = false;
  private dmaErrorAddress = 0;
  private cause = 0;
  private mask = 0;
  private select = 0;
  private readonly rx: Ring = { base: 0, count: 0, head: 0, tail: 0, stopped: false };
  private readonly tx: Ring = { base: 0, count: 0, head: 0, tail: 0, stopped: false };
  private txDeadline = Infinity;
  private inbox: WireEvent[] = [];
  private inboxSince = Infinity;
  private wire: Wire | null = null;
  private readonly taps: ((f: CapturedFrame) => void)[] = [];
  readonly counters: NicCounters = { rxPackets: 0, rxBytes: 0, txPackets: 0, txBytes: 0, rxDropped: 0, txDropped: 0, dmaErrors: 0 };

  constructor(private readonly o: NicOptions) {
    if (o.mac.length !== 6) throw new Error('a MAC address has 6 bytes');
    this.mac = o.mac.slice();
  }

  // ---- the cable's side (CableSocket) ---------------------------------------------------

  /** A cable plugged in (wire) or pulled out (null): the carrier changes at the next batch boundary. */
  plug(wire: Wire | null): void {
    this.wire = wire;
    this.queue({ kind: 'carrier', up: wire !== null });
  }

  /** A frame from the wire: taken at the next batch boundary. */
  receive(frame: Uint8Array): void {
    if (this.inbox.length >= INBOX_LIMIT) { this.counters.rxDropped++; return; }
    this.queue({ kind: 'frame', frame: frame.slice() });
  }

  /** Every frame the card sends, and every frame addressed to it that it takes off the wire. */
  tap(listener: (f: CapturedFrame) => void): () => void {
    this.taps.push(listener);
    return () => { const i = this.taps.indexOf(listener); if (i >= 0) this.taps.splice(i, 1); };
  }

  // ---- ports ----------------------------------------------------------------------------

  portIn(port: number, size: number): number {
    const offset = port - NIC_BASE_PORT;
    const byte = offset & 3;
    switch (offset & ~3) {
      case NIC_REG.ID: return readRegister(NIC_ID, byte, size);
      case NIC_REG.CONTROL: return readRegister(this.control, byte, size);
      case NIC_REG.STATUS: return readRegister(this.status(), byte, size);
      case NIC_REG.CAUSE: {
        const v = this.cause;
        if (byte === 0) { this.cause = 0; this.updateIrq(); }
        return readRegister(v, byte, size);
      }
      case NIC_REG.RX_TAIL: return readRegister(this.rx.tail, byte, size);
      case NIC_REG.TX_TAIL: return readRegister(this.tx.tail, byte, size);
      case NIC_REG.SELECT: return readRegister(this.select, byte, size);
      case NIC_REG.DATA: return readRegister(this.bankRead(this.select), byte, size);
      default: return 0;
    }
  }

  portOut(port: number, size: number, value: number): void {
    const offset = port - NIC_BASE_PORT;
    const byte = offset & 3;
    switch (offset & ~3) {
      case NIC_REG.CONTROL: {
        const v = writeRegister(this.control, byte, size, value);
        if (v & NIC_CONTROL.RESET) { this.reset(); return; }
        this.control = v & (NIC_CONTROL.RX_ENABLE | NIC_CONTROL.TX_ENABLE);
        if (this.control & NIC_CONTROL.TX_ENABLE) this.scheduleTx();
        return;
      }
      case NIC_REG.RX_TAIL: this.setTail(this.rx, writeRegister(this.rx.tail, byte, size, value)); return;
      case NIC_REG.TX_TAIL: this.setTail(this.tx, writeRegister(this.tx.tail, byte, size, value)); this.scheduleTx(); return;
      case NIC_REG.SELECT: this.select = writeRegister(this.select, byte, size, value); return;
      case NIC_REG.DATA: this.bankWrite(this.select, writeRegister(this.bankRead(this.select), byte, size, value)); return;
      default: return;
    }
  }

  // ---- time -----------------------------------------------------------------------------

  nextDeadline(): number { return Math.min(this.txDeadline, this.inboxSince); }

  advance(now: number): void {
    if (now >= this.inboxSince) {
      const events = this.inbox;
      this.inbox = [];
      this.inboxSince = Infinity;
      for (const e of events) {
        if (e.kind === 'carrier') this.setCarrier(e.up);
        else this.take(e.frame, now);
      }
    }
    if (now >= this.txDeadline) {
      this.txDeadline = Infinity;
      this.transmit(now);
    }
  }

  snapshot(): { mac: string; status: number; control: number; rx: Ring; tx: Ring; counters: NicCounters } {
    return {
      mac: formatMac(this.mac), status: this.status(), control: this.control,
      rx: { ...this.rx }, tx: { ...this.tx }, counters: { ...this.counters },
    };
  }

  // ---- time travel (emulator/timetravel) ---------------------------------------------------

  /** While set (a replay), frames sent go nowhere and taps see nothing: the world saw them the first time. */
  muted = false;

  /** A replayed carrier change (the recorder logs plug(): the wire itself is the host's and stays). */
  replayCarrier(up: boolean): void { this.queue({ kind: 'carrier', up }); }

  /** For a machine snapshot: registers, rings, deadlines, the frames not yet taken, the counters. */
  saveState(): NicState {
    return {
      control: this.control, linkUp: this.linkUp, dmaError: this.dmaError, dmaErrorAddress: this.dmaErrorAddress,
      cause: this.cause, mask: this.mask, select: this.select, rx: { ...this.rx }, tx: { ...this.tx },
      txDeadline: this.txDeadline, inbox: this.inbox.slice(), inboxSince: this.inboxSince, counters: { ...this.counters },
    };
  }
  loadState(s: NicState): void {
    this.control = s.control; this.linkUp = s.linkUp; this.dmaError = s.dmaError; this.dmaErrorAddress = s.dmaErrorAddress;
    this.cause = s.cause; this.mask = s.mask; this.select = s.select;
    Object.assign(this.rx, s.rx);
    Object.assign(this.tx, s.tx);
    this.txDeadline = s.txDeadline; this.inbox = s.inbox.slice(); this.inboxSince = s.inboxSince;
    Object.assign(this.counters, s.counters);
    this.updateIrq();
  }

  // ---- inside ---------------------------------------------------------------------------

  private status(): number {
    return (this.linkUp ? NIC_STATUS.LINK_UP : 0) | (this.dmaError ? NIC_STATUS.DMA_ERROR : 0);
  }

  private queue(e: WireEvent): void {
    this.inbox.push(e);
    if (this.inboxSince === Infinity) {
      this.inboxSince = this.o.clock.now();
      this.o.onScheduleChange?.();
      this.o.onWake?.();
    }
  }

  private reset(): void {
    this.control = 0;
    this.cause = 0;
    this.mask = 0;
    this.dmaError = false;
    this.dmaErrorAddress = 0;
    for (const r of [this.rx, this.tx]) Object.assign(r, { base: 0, count: 0, head: 0, tail: 0, stopped: false });
    this.txDeadline = Infinity;
    this.updateIrq();
  }

  private bankRead(index: number): number {
    const c = this.counters;
    const m = this.mac;
    switch (index) {
      case NIC_BANK.MAC_LOW: return (m[0] | (m[1] << 8) | (m[2] << 16) | (m[3] << 24)) >>> 0;
      case NIC_BANK.MAC_HIGH: return m[4] | (m[5] << 8);
      case NIC_BANK.RX_BASE: return this.rx.base;
      case NIC_BANK.RX_COUNT: return this.rx.count;
      case NIC_BANK.RX_HEAD: return this.rx.head;
      case NIC_BANK.RX_TAIL: return this.rx.tail;
      case NIC_BANK.TX_BASE: return this.tx.base;
      case NIC_BANK.TX_COUNT: return this.tx.count;
      case NIC_BANK.TX_HEAD: return this.tx.head;
      case NIC_BANK.TX_TAIL: return this.tx.tail;
      case NIC_BANK.MASK: return this.mask;
      case NIC_BANK.DMA_ERROR_ADDRESS: return this.dmaErrorAddress;
      case NIC_BANK.RX_PACKETS: return c.rxPackets >>> 0;
      case NIC_BANK.RX_BYTES: return c.rxBytes >>> 0;
      case NIC_BANK.TX_PACKETS: return c.txPackets >>> 0;
      case NIC_BANK.TX_BYTES: return c.txBytes >>> 0;
      case NIC_BANK.RX_DROPPED: return c.rxDropped >>> 0;
      case NIC_BANK.TX_DROPPED: return c.txDropped >>> 0;
      case NIC_BANK.DMA_ERRORS: return c.dmaErrors >>> 0;
      default: return 0;
    }
  }

  private bankWrite(index: number, v: number): void {
    switch (index) {
      case NIC_BANK.RX_BASE: this.setRing(this.rx, v, this.rx.count); return;
      case NIC_BANK.RX_COUNT: this.setRing(this.rx, this.rx.base, v); return;
      case NIC_BANK.RX_TAIL: this.setTail(this.rx, v); return;
      case NIC_BANK.TX_BASE: this.setRing(this.tx, v, this.tx.count); return;
      case NIC_BANK.TX_COUNT: this.setRing(this.tx, this.tx.base, v); return;
      case NIC_BANK.TX_TAIL: this.setTail(this.tx, v); this.scheduleTx(); return;
      case NIC_BANK.MASK: this.mask = v & 0x1f; this.updateIrq(); return;
      default: return;   // read-only
    }
  }

  /** A new base or size: the ring starts empty (head = tail = 0). */
  private setRing(r: Ring, base: number, count: number): void {
    r.base = base >>> 0;
    r.count = Math.min(count >>> 0, NIC_MAX_DESCRIPTORS);
    r.head = r.tail = 0;
    r.stopped = false;
  }

  private setTail(r: Ring, v: number): void {
    r.tail = r.count === 0 ? 0 : (v >>> 0) % r.count;
  }

  private scheduleTx(): void {
    if (this.txDeadline !== Infinity || !(this.control & NIC_CONTROL.TX_ENABLE) || this.tx.head === this.tx.tail) return;
    this.txDeadline = this.o.clock.now() + NIC_TX_LATENCY_US * TICKS_PER_MICROSECOND;
    this.o.onScheduleChange?.();
  }

  private raise(bits: number): void {
    this.cause |= bits;
    this.updateIrq();
  }

  private updateIrq(): void {
    this.o.irq.setLevel(NIC_IRQ, (this.cause & this.mask) !== 0);
  }

  private refuseDma(r: Ring, address: number): void {
    r.stopped = true;
    this.dmaError = true;
    this.dmaErrorAddress = address >>> 0;
    this.counters.dmaErrors++;
    this.raise(NIC_CAUSE.DMA_ERROR);
  }

  private setCarrier(up: boolean): void {
    if (up === this.linkUp) return;
    this.linkUp = up;
    this.raise(NIC_CAUSE.LINK);
  }

  private capture(direction: 'rx' | 'tx', frame: Uint8Array, tick: number): void {
    for (const t of this.taps) t({ direction, tick, frame });
  }

  /** A frame off the wire: keep it if it is for us and a receive buffer is free. */
  private take(frame: Uint8Array, now: number): void {
    if (!this.linkUp || frame.length < ETH_HEADER || frame.length > ETH_FRAME_MAX) return;
    const broadcastOrMulticast = (frame[0] & 1) !== 0;
    if (!broadcastOrMulticast && !this.mac.every((b, i) => frame[i] === b)) return;
    if (!this.muted) this.capture('rx', frame, now);
    const r = this.rx;
    if (!(this.control & NIC_CONTROL.RX_ENABLE) || r.stopped || r.count === 0 || r.head === r.tail) {
      this.counters.rxDropped++;
      this.raise(NIC_CAUSE.RX_NO_BUFFER);
      return;
    }
    const at = r.base + r.head * NIC_DESCRIPTOR_SIZE;
    const d = this.o.memory.dmaRead(at, NIC_DESCRIPTOR_SIZE);
    if (!d) { this.refuseDma(r, at); this.counters.rxDropped++; return; }
    const v = new DataView(d.buffer, d.byteOffset, NIC_DESCRIPTOR_SIZE);
    const address = v.getUint32(0, true);
    const capacity = v.getUint32(4, true);
    if (frame.length > capacity) {
      // The driver's buffer is too small: the frame is lost, the descriptor stays for the next.
      this.counters.rxDropped++;
      return;
    }
    if (!this.o.memory.dmaWrite(address, frame)) { this.refuseDma(r, address); this.counters.rxDropped++; return; }
    v.setUint32(8, NIC_DESC.DONE, true);
    v.setUint32(12, frame.length, true);
    this.o.memory.dmaWrite(at, d);
    r.head = (r.head + 1) % r.count;
    this.counters.rxPackets++;
    this.counters.rxBytes += frame.length;
    this.raise(NIC_CAUSE.RX);
  }

  /** Send every descriptor from head to tail. */
  private transmit(now: number): void {
    const r = this.tx;
    let sent = false;
    while (r.head !== r.tail && !r.stopped && (this.control & NIC_CONTROL.TX_ENABLE)) {
      const at = r.base + r.head * NIC_DESCRIPTOR_SIZE;
      const d = this.o.memory.dmaRead(at, NIC_DESCRIPTOR_SIZE);
      if (!d) { this.refuseDma(r, at); break; }
      const v = new DataView(d.buffer, d.byteOffset, NIC_DESCRIPTOR_SIZE);
      const address = v.getUint32(0, true);
      const length = v.getUint32(4, true);
      let status: number = NIC_DESC.DONE;
      if (length < ETH_HEADER || length > ETH_FRAME_MAX || !this.linkUp || !this.wire) {
        status |= NIC_DESC.ERROR;
        this.counters.txDropped++;
      } else {
        const frame = this.o.memory.dmaRead(address, length);
        if (!frame) { this.refuseDma(r, address); break; }
        this.counters.txPackets++;
        this.counters.txBytes += length;
        if (!this.muted) {
          this.capture('tx', frame, now);
          this.wire.transmit(frame);
        }
      }
      v.setUint32(8, status, true);
      this.o.memory.dmaWrite(at, d);
      r.head = (r.head + 1) % r.count;
      sent = true;
    }
    if (sent) this.raise(NIC_CAUSE.TX);
  }
}
