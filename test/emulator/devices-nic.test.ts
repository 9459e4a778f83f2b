// The network card (emulator/devices/nic.ts) on its own, driven through its
// ports as a driver would, with a manual clock and a LocalNetwork: a frame
// sent from the TX ring reaches the other card's RX ring at the next batch
// boundary (never before advance), the IRQ follows CAUSE and the mask, a
// full receive ring drops and counts, descriptors outside RAM are refused
// with the error bit, and attaching or detaching the cable changes the
// carrier with a LINK interrupt.
import { describe, it, expect } from 'vitest';
import { PhysicalMemory } from '../../emulator/memory.ts';
import { ManualClock, TICKS_PER_MICROSECOND } from '../../emulator/devices/device.ts';
import {
  NetworkCardDevice, NIC_BANK, NIC_BASE_PORT, NIC_CAUSE, NIC_CONTROL, NIC_DESC, NIC_ID, NIC_IRQ, NIC_REG, NIC_STATUS,
  NIC_TX_LATENCY_US, macForIndex,
} from '../../emulator/devices/nic.ts';
import { FrameLoss, LocalNetwork } from '../../emulator/net/cable.ts';

const RX_RING = 0x1000;
const TX_RING = 0x2000;
const BUFFERS = 0x10000;
const SLOTS = 8;

/** A card in 1 MiB of RAM with rings set up as a driver would, and helpers. */
function rig(index: number, clock: ManualClock) {
  const memory = new PhysicalMemory(1 << 20);
  const lines: boolean[] = [];
  const irq = { setLevel: (line: number, high: boolean) => { lines[line] = high; }, pulse: () => {} };
  let wakes = 0;
  const card = new NetworkCardDevice({ memory, clock, irq, mac: macForIndex(index), onWake: () => wakes++ });
  const out = (reg: number, v: number) => card.portOut(NIC_BASE_PORT + reg, 4, v);
  const inp = (reg: number) => card.portIn(NIC_BASE_PORT + reg, 4) >>> 0;
  const bank = (i: number, v?: number) => {
    out(NIC_REG.SELECT, i);
    if (v !== undefined) out(NIC_REG.DATA, v);
    return inp(NIC_REG.DATA);
  };
  const rxBuf = (i: number) => BUFFERS + i * 2048;
  const txBuf = (i: number) => BUFFERS + 0x8000 + i * 2048;
  const setup = (rxGiven = SLOTS - 1) => {
    bank(NIC_BANK.RX_BASE, RX_RING);
    bank(NIC_BANK.RX_COUNT, SLOTS);
    bank(NIC_BANK.TX_BASE, TX_RING);
    bank(NIC_BANK.TX_COUNT, SLOTS);
    for (let i = 0; i < SLOTS; i++) {
      memory.write32(RX_RING + i * 16, rxBuf(i));
      memory.write32(RX_RING + i * 16 + 4, 2048);
      memory.write32(RX_RING + i * 16 + 8, 0);
    }
    out(NIC_REG.RX_TAIL, rxGiven);
    bank(NIC_BANK.MASK, 0x1f);
    out(NIC_REG.CONTROL, NIC_CONTROL.RX_ENABLE | NIC_CONTROL.TX_ENABLE);
  };
  let txTail = 0;
  const send = (frame: Uint8Array) => {
    const slot = txTail;
    memory.bytes.set(frame, txBuf(slot));
    memory.write32(TX_RING + slot * 16, txBuf(slot));
    memory.write32(TX_RING + slot * 16 + 4, frame.length);
    memory.write32(TX_RING + slot * 16 + 8, 0);
    txTail = (txTail + 1) % SLOTS;
    out(NIC_REG.TX_TAIL, txTail);
    return slot;
  };
  const received = (slot: number) => {
    const status = memory.read32(RX_RING + slot * 16 + 8);
    const length = memory.read32(RX_RING + slot * 16 + 12);
    return { status, frame: memory.bytes.slice(rxBuf(slot), rxBuf(slot) + length) };
  };
  return { card, memory, lines, out, inp, bank, setup, send, received, wakes: () => wakes };
}

function frame(to: Uint8Array, from: Uint8Array, fill: number, length = 60): Uint8Array {
  const f = new Uint8Array(length).fill(fill);
  f.set(to, 0);
  f.set(from, 6);
  f[12] = 0x88; f[13] = 0xb5;   // local experimental ethertype
  return f;
}

/** Run both cards as the machine would between batches: advance everything due. */
function settle(clock: ManualClock, ...cards: NetworkCardDevice[]) {
  for (let i = 0; i < 10; i++) {
    const due = Math.min(...cards.map((c) => c.nextDeadline()));
    if (due === Infinity) return;
    clock.ticks = Math.max(clock.ticks, due);
    for (const c of cards) if (c.nextDeadline() <= clock.ticks) c.advance(clock.ticks);
  }
}

describe('network card', () => {
  it('identifies itself and shows its MAC; no cable = no carrier', () => {
    const clock = new ManualClock();
    const a = rig(7, clock);
    expect(a.inp(NIC_REG.ID)).toBe(NIC_ID);
    expect(a.bank(NIC_BANK.MAC_LOW)).toBe(0x004b4802);
    expect(a.bank(NIC_BANK.MAC_HIGH)).toBe(0x0700);
    expect(a.inp(NIC_REG.STATUS) & NIC_STATUS.LINK_UP).toBe(0);
    expect(a.card.portIn(NIC_BASE_PORT + NIC_REG.ID, 1)).toBe(0x48);   // byte access
  });

  it('sends a frame from its TX ring to the other card’s RX ring at the next batch boundary', () => {
    const clock = new ManualClock();
    const a = rig(1, clock);
    const b = rig(2, clock);
    const net = new LocalNetwork();
    net.cable().attach(a.card);
    net.cable().attach(b.card);
    a.setup();
    b.setup();
    settle(clock, a.card, b.card);
    expect(a.inp(NIC_REG.STATUS) & NIC_STATUS.LINK_UP).toBe(1);
    expect(a.inp(NIC_REG.CAUSE)).toBe(NIC_CAUSE.LINK);
    expect(b.inp(NIC_REG.CAUSE)).toBe(NIC_CAUSE.LINK);
    expect(a.lines[NIC_IRQ]).toBe(false);

    const f = frame(b.card.mac, a.card.mac, 0x5a, 100);
    const start = clock.ticks;
    const slot = a.send(f);
    expect(a.card.nextDeadline()).toBe(start + NIC_TX_LATENCY_US * TICKS_PER_MICROSECOND);
    a.card.advance(start + 1);
    expect(a.memory.read32(TX_RING + slot * 16 + 8)).toBe(0);   // not before the latency
    settle(clock, a.card, b.card);
    expect(a.memory.read32(TX_RING + slot * 16 + 8)).toBe(NIC_DESC.DONE);
    expect(a.bank(NIC_BANK.TX_HEAD)).toBe(1);
    expect(a.lines[NIC_IRQ]).toBe(true);
    expect(a.inp(NIC_REG.CAUSE)).toBe(NIC_CAUSE.TX);
    expect(a.lines[NIC_IRQ]).toBe(false);

    expect(b.lines[NIC_IRQ]).toBe(true);
    expect(b.inp(NIC_REG.CAUSE)).toBe(NIC_CAUSE.RX);
    const got = b.received(0);
    expect(got.status).toBe(NIC_DESC.DONE);
    expect([...got.frame]).toEqual([...f]);
    expect(b.bank(NIC_BANK.RX_HEAD)).toBe(1);
    expect(a.bank(NIC_BANK.TX_PACKETS)).toBe(1);
    expect(a.bank(NIC_BANK.TX_BYTES)).toBe(100);
    expect(b.bank(NIC_BANK.RX_PACKETS)).toBe(1);
    expect(b.bank(NIC_BANK.RX_BYTES)).toBe(100);
  });

  it('takes a frame from the host only at advance, and only if it is addressed to it', () => {
    const clock = new ManualClock();
    const a = rig(1, clock);
    const net = new LocalNetwork();
    net.cable().attach(a.card);
    a.setup();
    settle(clock, a.card);
    a.inp(NIC_REG.CAUSE);
    const wakes = a.wakes();
    clock.ticks += 1000;
    a.card.receive(frame(macForIndex(9), macForIndex(3), 1));         // someone else's
    a.card.receive(frame(new Uint8Array(6).fill(0xff), macForIndex(3), 2));   // broadcast
    a.card.receive(frame(a.card.mac, macForIndex(3), 3));             // ours
    expect(a.wakes()).toBe(wakes + 1);
    expect(a.card.nextDeadline()).toBe(clock.ticks);
    expect(a.received(0).status).toBe(0);   // nothing in RAM until the machine advances the card
    a.card.advance(clock.ticks);
    expect(a.received(0).frame[14]).toBe(2);
    expect(a.received(1).frame[14]).toBe(3);
    expect(a.received(2).status).toBe(0);
    expect(a.bank(NIC_BANK.RX_PACKETS)).toBe(2);
  });

  it('drops frames when the receive ring is full, counts them and says so in CAUSE', () => {
    const clock = new ManualClock();
    const a = rig(1, clock);
    new LocalNetwork().cable().attach(a.card);
    a.setup(2);   // two buffers given
    settle(clock, a.card);
    a.inp(NIC_REG.CAUSE);
    for (let i = 0; i < 5; i++) a.card.receive(frame(a.card.mac, macForIndex(3), 10 + i));
    a.card.advance(clock.ticks);
    expect(a.bank(NIC_BANK.RX_PACKETS)).toBe(2);
    expect(a.bank(NIC_BANK.RX_DROPPED)).toBe(3);
    expect(a.inp(NIC_REG.CAUSE)).toBe(NIC_CAUSE.RX | NIC_CAUSE.RX_NO_BUFFER);
    // The driver hands the buffers back: the next frame lands.
    a.out(NIC_REG.RX_TAIL, 6);
    a.card.receive(frame(a.card.mac, macForIndex(3), 99));
    a.card.advance(clock.ticks);
    expect(a.received(2).frame[14]).toBe(99);
  });

  it('refuses descriptors and buffers outside RAM with the error bit, never a throw', () => {
    const clock = new ManualClock();
    const a = rig(1, clock);
    new LocalNetwork().cable().attach(a.card);
    a.setup();
    settle(clock, a.card);
    a.inp(NIC_REG.CAUSE);
    // A TX descriptor whose buffer is past the end of RAM.
    a.memory.write32(TX_RING + 4, 60);
    a.memory.write32(TX_RING, 0xfffff000);
    a.out(NIC_REG.TX_TAIL, 1);
    expect(() => settle(clock, a.card)).not.toThrow();
    expect(a.inp(NIC_REG.STATUS) & NIC_STATUS.DMA_ERROR).toBe(NIC_STATUS.DMA_ERROR);
    expect(a.inp(NIC_REG.CAUSE) & NIC_CAUSE.DMA_ERROR).toBe(NIC_CAUSE.DMA_ERROR);
    expect(a.bank(NIC_BANK.DMA_ERROR_ADDRESS)).toBe(0xfffff000);
    expect(a.bank(NIC_BANK.TX_PACKETS)).toBe(0);
    // An RX ring outside RAM.
    a.bank(NIC_BANK.RX_BASE, 0x7ffffff0);
    a.bank(NIC_BANK.RX_COUNT, 4);
    a.out(NIC_REG.RX_TAIL, 3);
    a.card.receive(frame(a.card.mac, macForIndex(3), 1));
    expect(() => a.card.advance(clock.ticks)).not.toThrow();
    expect(a.bank(NIC_BANK.DMA_ERRORS)).toBe(2);
    // A reset clears the error.
    a.out(NIC_REG.CONTROL, NIC_CONTROL.RESET);
    expect(a.inp(NIC_REG.STATUS)).toBe(NIC_STATUS.LINK_UP);
    expect(a.lines[NIC_IRQ]).toBe(false);
  });

  it('raises LINK when the cable is attached and detached; without carrier a send fails', () => {
    const clock = new ManualClock();
    const a = rig(1, clock);
    a.setup();
    const cable = new LocalNetwork().cable();
    cable.attach(a.card);
    expect(a.inp(NIC_REG.STATUS) & NIC_STATUS.LINK_UP).toBe(0);   // at the next boundary
    settle(clock, a.card);
    expect(a.lines[NIC_IRQ]).toBe(true);
    expect(a.inp(NIC_REG.CAUSE)).toBe(NIC_CAUSE.LINK);
    expect(a.inp(NIC_REG.STATUS) & NIC_STATUS.LINK_UP).toBe(1);
    cable.detach();
    settle(clock, a.card);
    expect(a.inp(NIC_REG.CAUSE)).toBe(NIC_CAUSE.LINK);
    expect(a.inp(NIC_REG.STATUS) & NIC_STATUS.LINK_UP).toBe(0);
    const slot = a.send(frame(macForIndex(2), a.card.mac, 1));
    settle(clock, a.card);
    expect(a.memory.read32(TX_RING + slot * 16 + 8)).toBe(NIC_DESC.DONE | NIC_DESC.ERROR);
    expect(a.bank(NIC_BANK.TX_DROPPED)).toBe(1);
  });

  it('masked causes do not raise the IRQ', () => {
    const clock = new ManualClock();
    const a = rig(1, clock);
    a.setup();
    a.bank(NIC_BANK.MASK, NIC_CAUSE.RX);
    new LocalNetwork().cable().attach(a.card);
    settle(clock, a.card);
    expect(a.lines[NIC_IRQ]).toBe(false);
    expect(a.inp(NIC_REG.CAUSE)).toBe(NIC_CAUSE.LINK);
  });
});

describe('a guest gone wild', () => {
  it('random register accesses of every size, random frames and random rings never make the card throw', () => {
    const clock = new ManualClock();
    const a = rig(1, clock);
    const net = new LocalNetwork();
    const cable = net.cable();
    cable.attach(a.card);
    let plugged = true;
    let seed = 0x4e4943;
    const rnd = (n: number) => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return (seed >>> 8) % n; };
    const values = () => [0, 1, 7, 8, 1023, 1024, 4096, 0xfff00, 0x7fffffff, 0xffffffff, RX_RING, TX_RING, rnd(0x100000)][rnd(13)];
    for (let i = 0; i < 50_000; i++) {
      const port = NIC_BASE_PORT + rnd(36) - 2;
      const size = [1, 2, 4][rnd(3)];
      if (rnd(2)) a.card.portOut(port, size, rnd(4) ? values() : rnd(32));
      else expect(a.card.portIn(port, size)).toBeGreaterThanOrEqual(0);
      if (rnd(50) === 0) a.card.receive(Uint8Array.from({ length: rnd(1600) }, () => (rnd(3) ? 0xff : rnd(256))));
      if (rnd(200) === 0) {
        if (plugged) cable.detach(); else cable.attach(a.card);
        plugged = !plugged;
      }
      if (rnd(10) === 0) { clock.ticks += rnd(1000); expect(() => a.card.advance(clock.ticks)).not.toThrow(); }
      const s = a.card.snapshot();
      for (const r of [s.rx, s.tx]) {
        expect(r.head === 0 || r.head < r.count).toBe(true);
        expect(r.tail === 0 || r.tail < r.count).toBe(true);
      }
    }
    expect(a.card.counters.rxPackets + a.card.counters.rxDropped).toBeGreaterThan(0);
  });
});

describe('the lossy wire', () => {
  it('drops the given fraction of frames, the same ones for the same seed', () => {
    const pick = (seed: number) => { const l = new FrameLoss(0.05, seed); return Array.from({ length: 10000 }, () => l.drop()); };
    const a = pick(42);
    expect(pick(42)).toEqual(a);
    expect(pick(43)).not.toEqual(a);
    const lost = a.filter(Boolean).length;
    expect(lost).toBeGreaterThan(400);
    expect(lost).toBeLessThan(600);
    expect(() => new FrameLoss(1.5)).toThrow(/between 0 and 1/);
  });

  it('a LocalNetwork with loss delivers the rest', () => {
    const clock = new ManualClock();
    const a = rig(1, clock);
    const b = rig(2, clock);
    const net = new LocalNetwork({ loss: 0.5, seed: 7 });
    net.cable().attach(a.card);
    net.cable().attach(b.card);
    a.setup();
    b.setup();
    settle(clock, a.card, b.card);
    for (let i = 0; i < 6; i++) { a.send(frame(b.card.mac, a.card.mac, i)); settle(clock, a.card, b.card); }
    expect(b.bank(NIC_BANK.RX_PACKETS)).toBe(net.loss.passed);
    expect(net.loss.dropped).toBeGreaterThan(0);
    expect(net.loss.passed + net.loss.dropped).toBe(6);
  });
});
