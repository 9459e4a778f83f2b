// The shared-folder device (emulator/devices/share.ts) on its own: requests
// written into guest memory as the kernel's hostfs writes them, answered
// from a MemoryShareBackend after the documented latency, with the IRQ
// raised and cleared by STATUS; ids stand for paths and follow renames;
// names that could leave the folder are refused; failures are -errno.
import { describe, it, expect } from 'vitest';
import { PhysicalMemory } from '../../emulator/memory.ts';
import { ManualClock, TICKS_PER_MICROSECOND } from '../../emulator/devices/device.ts';
import {
  ShareDevice, SHARE_BASE_PORT, SHARE_HEADER_SIZE, SHARE_ID, SHARE_IRQ, SHARE_LATENCY_US, SHARE_OP, SHARE_ROOT_ID,
} from '../../emulator/devices/share.ts';
import { MemoryShareBackend } from '../../emulator/share/memory.ts';

const RING = 0x10000;
const BUF = 0x20000;
const BUF_SIZE = 8192;

function rig() {
  const memory = new PhysicalMemory(1 << 20);
  const clock = new ManualClock();
  const lines: boolean[] = [];
  const irq = { setLevel: (line: number, high: boolean) => { lines[line] = high; }, pulse: () => {} };
  const backend = new MemoryShareBackend([], () => 1_764_000_000);
  const dev = new ShareDevice({ backend, memory, clock, irq });
  dev.portOut(SHARE_BASE_PORT + 4, 4, RING);
  let posted = 0;
  /** Posts one request (buffer i of BUF), rings, runs the device past its deadline; returns result and reply. */
  const call = (op: number, a: number[], name = '', name2 = '', data = new Uint8Array(0), slotBuf = BUF) => {
    const enc = new TextEncoder();
    const n1 = enc.encode(name);
    const n2 = enc.encode(name2);
    const header = [op, ...a, 0, 0, 0, 0, 0, 0].slice(0, 7).concat([n1.length, n2.length, data.length]);
    header.forEach((v, i) => memory.write32(slotBuf + i * 4, v >>> 0));
    memory.bytes.set(n1, slotBuf + SHARE_HEADER_SIZE);
    memory.bytes.set(n2, slotBuf + SHARE_HEADER_SIZE + n1.length);
    memory.bytes.set(data, slotBuf + SHARE_HEADER_SIZE + n1.length + n2.length);
    const entry = RING + (posted % 64) * 16;
    memory.write32(entry, slotBuf);
    memory.write32(entry + 4, BUF_SIZE);
    memory.write32(entry + 12, 0);
    posted++;
    dev.portOut(SHARE_BASE_PORT + 8, 4, posted);
    const due = dev.nextDeadline();
    expect(due).toBe(clock.ticks + SHARE_LATENCY_US * TICKS_PER_MICROSECOND);
    clock.ticks = due - 1;
    dev.advance(clock.ticks);
    expect(memory.read32(entry + 12)).toBe(0);   // not before the latency
    clock.ticks = due;
    dev.advance(clock.ticks);
    expect(memory.read32(entry + 12)).toBe(1);
    const result = memory.read32(entry + 8) | 0;
    return { result, reply: memory.bytes.slice(slotBuf, slotBuf + Math.max(result, 0)) };
  };
  const attr = (reply: Uint8Array) => {
    const v = new DataView(reply.buffer, reply.byteOffset);
    return { id: v.getUint32(0, true), mode: v.getUint32(4, true), size: v.getUint32(8, true) };
  };
  return { dev, memory, backend, lines, call, attr };
}

describe('share device', () => {
  it('identifies itself, raises IRQ 9 when it answers and lowers it when STATUS is read', () => {
    const { dev, lines, call } = rig();
    expect(dev.portIn(SHARE_BASE_PORT, 4)).toBe(SHARE_ID);
    expect(call(SHARE_OP.GETATTR, [SHARE_ROOT_ID]).result).toBe(28);
    expect(lines[SHARE_IRQ]).toBe(true);
    expect(dev.portIn(SHARE_BASE_PORT + 8, 4)).toBe(1);   // consumer index
    expect(dev.portIn(SHARE_BASE_PORT + 12, 4)).toBe(1);
    expect(lines[SHARE_IRQ]).toBe(false);
    expect(dev.portIn(SHARE_BASE_PORT + 12, 4)).toBe(0);
  });

  it('creates, writes, reads, lists, renames and removes; ids follow renames', () => {
    const { backend, call, attr } = rig();
    const f = attr(call(SHARE_OP.CREATE, [SHARE_ROOT_ID, 0o644], 'a.txt').reply);
    expect(f.mode).toBe(0o100644);
    expect(call(SHARE_OP.WRITE, [f.id, 3], '', '', new TextEncoder().encode('hello')).result).toBe(5);
    expect(Array.from(backend.read('a.txt', 0, 10))).toEqual([0, 0, 0, 104, 101, 108, 108, 111]);
    const read = call(SHARE_OP.READ, [f.id, 3, 100]);
    expect(new TextDecoder().decode(read.reply)).toBe('hello');
    const d = attr(call(SHARE_OP.MKDIR, [SHARE_ROOT_ID, 0o755], 'd').reply);
    expect(d.mode).toBe(0o40755);
    expect(call(SHARE_OP.RENAME, [SHARE_ROOT_ID, d.id], 'a.txt', 'b.txt').result).toBe(0);
    expect(attr(call(SHARE_OP.GETATTR, [f.id]).reply).size).toBe(8);   // the same id, now d/b.txt
    expect(attr(call(SHARE_OP.LOOKUP, [d.id], 'b.txt').reply).id).toBe(f.id);
    expect(attr(call(SHARE_OP.LOOKUP, [d.id], '..').reply).id).toBe(SHARE_ROOT_ID);
    expect(attr(call(SHARE_OP.LOOKUP, [SHARE_ROOT_ID], '..').reply).id).toBe(SHARE_ROOT_ID);   // never above the folder
    const list = call(SHARE_OP.READDIR, [d.id, 0]).reply;
    const v = new DataView(list.buffer);
    expect(v.getUint32(0, true)).toBe(1);
    expect([v.getUint32(4, true), v.getUint32(8, true), v.getUint32(12, true), v.getUint32(16, true)]).toEqual([f.id, 8, 1, 5]);
    expect(new TextDecoder().decode(list.slice(20, 25))).toBe('b.txt');
    expect(call(SHARE_OP.RMDIR, [SHARE_ROOT_ID], 'd').result).toBe(-39);   // ENOTEMPTY
    expect(call(SHARE_OP.UNLINK, [d.id], 'b.txt').result).toBe(0);
    expect(call(SHARE_OP.GETATTR, [f.id]).result).toBe(-116);              // ESTALE: the id is gone
    expect(call(SHARE_OP.RMDIR, [SHARE_ROOT_ID], 'd').result).toBe(0);
    expect(backend.list('')).toEqual([]);
  });

  it('answers errors with -errno and refuses names that could leave the folder', () => {
    const { call } = rig();
    expect(call(SHARE_OP.LOOKUP, [SHARE_ROOT_ID], 'nothere').result).toBe(-2);
    expect(call(SHARE_OP.CREATE, [SHARE_ROOT_ID, 0o644], '..').result).toBe(-22);
    expect(call(SHARE_OP.CREATE, [SHARE_ROOT_ID, 0o644], 'a/b').result).toBe(-22);
    expect(call(SHARE_OP.LOOKUP, [SHARE_ROOT_ID], '.').result).toBe(-22);
    expect(call(SHARE_OP.CREATE, [SHARE_ROOT_ID, 0o644], 'x'.repeat(256)).result).toBe(-36);
    expect(call(SHARE_OP.CREATE, [SHARE_ROOT_ID, 0o644], 'x').result).toBe(28);
    expect(call(SHARE_OP.CREATE, [SHARE_ROOT_ID, 0o644], 'x').result).toBe(-17);
    expect(call(SHARE_OP.GETATTR, [999]).result).toBe(-116);
    expect(call(99, [0]).result).toBe(-38);
    expect(call(SHARE_OP.GETATTR, [SHARE_ROOT_ID], '', '', new Uint8Array(0), (1 << 20) - 48).result).toBe(-14);   // a buffer running past RAM
  });
});
