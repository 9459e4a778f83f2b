// The block device driven through ports with a manual clock: DMA both ways,
// completion exactly at the documented latency, IRQ and STATUS handshake,
// every ERROR code, and the wait for a slow host store.
import { describe, it, expect } from 'vitest';
import { PortBus } from '../../emulator/bus.ts';
import { PhysicalMemory } from '../../emulator/memory.ts';
import { ManualClock, TICKS_PER_MICROSECOND } from '../../emulator/devices/device.ts';
import { Pic } from '../../emulator/devices/pic.ts';
import {
  BlockDevice, DISK0_BASE_PORT, DISK0_IRQ, DISK_LATENCY_US, DISK_PORT_COUNT,
} from '../../emulator/devices/block.ts';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { BLOCK_SIZE } from '../../emulator/blockstore/interface.ts';

const B = DISK0_BASE_PORT;
const LATENCY = DISK_LATENCY_US * TICKS_PER_MICROSECOND;

function rig(blocks = 8, image?: Uint8Array) {
  const bus = new PortBus();
  const clock = new ManualClock();
  const pic = new Pic();
  const mem = new PhysicalMemory(64 * 1024);
  const store = image ? new MemoryBlockStore(image) : new MemoryBlockStore(blocks);
  const errors: string[] = [];
  let changes = 0;
  const disk = new BlockDevice({
    name: 'disk0', basePort: B, irqLine: DISK0_IRQ, store, memory: mem, clock, irq: pic,
    onScheduleChange: () => changes++, onStoreError: (m) => errors.push(m),
  });
  bus.register(B, DISK_PORT_COUNT, disk);
  const command = (cmd: number, block: number, count: number, addr: number) => {
    bus.out(B + 0, 4, block);
    bus.out(B + 4, 4, count);
    bus.out(B + 8, 4, addr);
    bus.out(B + 12, 4, cmd);
  };
  /** Let the host store answer, then move the clock to the deadline and advance. */
  const finish = async () => {
    await disk.settled();
    clock.ticks = disk.nextDeadline();
    disk.advance(clock.ticks);
  };
  return { bus, clock, pic, mem, store, disk, errors, command, finish, changes: () => changes };
}

function pattern(blocks: number, seed: number): Uint8Array {
  const a = new Uint8Array(blocks * BLOCK_SIZE);
  for (let i = 0; i < a.length; i++) a[i] = (i * 7 + seed + (i >> 12)) & 0xff;
  return a;
}

describe('block device', () => {
  it('reports its size, keeps BLOCK/COUNT/ADDR, and is idle at power-on', () => {
    const { bus } = rig(8);
    expect(bus.in(B + 16, 4)).toBe(8);
    bus.out(B + 0, 4, 5); bus.out(B + 4, 4, 2); bus.out(B + 8, 4, 0x3000);
    expect([bus.in(B, 4), bus.in(B + 4, 4), bus.in(B + 8, 4)]).toEqual([5, 2, 0x3000]);
    expect(bus.in(B + 12, 4)).toBe(0);
    expect(bus.in(B + 20, 4)).toBe(0);
    bus.out(B + 16, 4, 99);
    expect(bus.in(B + 16, 4)).toBe(8); // SIZE is read-only
  });

  it('reads blocks by DMA, completing with IRQ 14 exactly at the latency', async () => {
    const image = pattern(8, 3);
    const { bus, clock, pic, mem, disk, command, changes } = rig(8, image);
    clock.ticks = 1234;
    command(1, 2, 3, 0x4000);
    expect(changes()).toBe(1);
    expect(bus.in(B + 12, 4) & 1).toBe(1); // busy
    expect(disk.nextDeadline()).toBe(1234 + LATENCY);
    await disk.settled();
    clock.ticks = 1234 + LATENCY - 1;
    disk.advance(clock.ticks);
    expect(pic.pendingVector()).toBe(-1);
    expect(mem.bytes[0x4000]).toBe(0); // no data before completion
    clock.ticks += 1;
    disk.advance(clock.ticks);
    expect(pic.pendingVector()).toBe(32 + 14);
    expect(mem.bytes.slice(0x4000, 0x4000 + 3 * BLOCK_SIZE)).toEqual(image.slice(2 * BLOCK_SIZE, 5 * BLOCK_SIZE));
    expect(bus.in(B + 12, 4)).toBe(4); // done; the read clears it and drops the line
    expect(pic.pendingVector()).toBe(-1);
    expect(bus.in(B + 12, 4)).toBe(0);
  });

  it('writes blocks taken from RAM by DMA at issue time', async () => {
    const { clock, mem, store, command, finish, bus } = rig(8);
    const data = pattern(2, 9);
    mem.bytes.set(data, 0x2000);
    command(2, 6, 2, 0x2000);
    mem.bytes.fill(0xee, 0x2000, 0x2000 + data.length); // later changes do not reach the disk
    await finish();
    expect(clock.ticks).toBe(LATENCY);
    expect(bus.in(B + 12, 4)).toBe(4);
    expect(store.image.slice(6 * BLOCK_SIZE, 8 * BLOCK_SIZE)).toEqual(data);
  });

  it('refuses a range past the end or a zero count with ERROR 1, still by IRQ', async () => {
    const { bus, pic, command, finish, store } = rig(8);
    command(1, 7, 2, 0);
    await finish();
    expect(pic.pendingVector()).toBe(46);
    expect(bus.in(B + 20, 4)).toBe(1);
    expect(bus.in(B + 12, 4)).toBe(4 | 2);
    expect(bus.in(B + 12, 4)).toBe(0); // error bit cleared by the read
    expect(bus.in(B + 20, 4)).toBe(1); // ERROR stays until the next command
    command(1, 0, 0, 0);
    await finish();
    expect(bus.in(B + 20, 4)).toBe(1);
    expect(store.operations).toBe(0);
  });

  it('refuses a DMA address outside RAM with ERROR 2', async () => {
    const { bus, command, finish, store } = rig(8);
    command(1, 0, 1, 64 * 1024 - 100);
    await finish();
    expect(bus.in(B + 20, 4)).toBe(2);
    command(2, 0, 1, 0xfffff000);
    await finish();
    expect(bus.in(B + 20, 4)).toBe(2);
    expect(bus.in(B + 12, 4)).toBe(6);
    expect(store.operations).toBe(0);
  });

  it('reports a store failure as ERROR 3 and leaves RAM untouched', async () => {
    const { bus, mem, store, command, finish, errors } = rig(8, pattern(8, 1));
    store.injectFault({ op: 'read', message: 'quota exceeded' });
    command(1, 0, 1, 0x1000);
    await finish();
    expect(bus.in(B + 12, 4)).toBe(6);
    expect(bus.in(B + 20, 4)).toBe(3);
    expect(mem.bytes.slice(0x1000, 0x2000).every((b) => b === 0)).toBe(true);
    expect(errors).toEqual(['disk0: quota exceeded']);
    command(1, 0, 1, 0x1000); // the next request works again
    await finish();
    expect(bus.in(B + 20, 4)).toBe(0);
    expect(mem.bytes[0x1001]).toBe(store.image[1]);
  });

  it('ignores a command while busy', async () => {
    const { bus, command, finish, disk, store } = rig(8);
    command(1, 0, 1, 0);
    const deadline = disk.nextDeadline();
    command(2, 1, 1, 0);
    expect(disk.nextDeadline()).toBe(deadline);
    await finish();
    expect(bus.in(B + 12, 4)).toBe(4);
    expect(store.operations).toBe(1);
  });

  it('is blocked at its deadline while the host store has not answered', async () => {
    const { clock, disk, store, command, pic } = rig(8);
    store.hold();
    command(1, 0, 1, 0);
    clock.ticks = disk.nextDeadline();
    expect(disk.blocked(clock.ticks)).toBe(true);
    disk.advance(clock.ticks);
    expect(pic.pendingVector()).toBe(-1);
    let settled = false;
    void disk.settled().then(() => { settled = true; });
    await new Promise((r) => setTimeout(r, 5));
    expect(settled).toBe(false);
    store.release();
    await disk.settled();
    expect(disk.blocked(clock.ticks)).toBe(false);
    disk.advance(clock.ticks);
    expect(pic.pendingVector()).toBe(46);
  });
});
