// Disks on the whole machine: a guest issues a request, sleeps in hlt, and
// its IRQ handler reads STATUS; DMA data is checked in RAM and in the store;
// a failing store is an ERROR the guest sees; a slow store makes emulated
// time wait ('io-wait') without changing any count.
import { describe, it, expect } from 'vitest';
import { boot, runWithIo } from './machine-asm.ts';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { BLOCK_SIZE } from '../../emulator/blockstore/interface.ts';
import { counters } from '../../emulator/inspect.ts';
import { DISK_LATENCY_US } from '../../emulator/devices/block.ts';
import { TICKS_PER_MICROSECOND } from '../../emulator/devices/device.ts';

/** A guest that issues one command on the disk at `base` (IRQ `line`) and powers off with ERROR. */
function diskProgram(base: number, line: number, command: number, block: number, count: number, addr: number): string {
  const port = (off: number) => `0x${(base + off).toString(16)}`;
  return `
main:
    mov dword [vectors + ${32 + line}*4], on_disk
    sti
    mov edx, 0x44
    inl eax, edx
    mov dword [issued_us], eax
    mov edx, ${port(0)}
    mov eax, ${block}
    outl edx, eax
    mov edx, ${port(4)}
    mov eax, ${count}
    outl edx, eax
    mov edx, ${port(8)}
    mov eax, ${addr}
    outl edx, eax
    mov edx, ${port(12)}
    mov eax, ${command}
    outl edx, eax
.wait:
    hlt
    cmp dword [status], 0
    je .wait
    mov edx, ${port(20)}
    inl eax, edx
    mov edx, 0x501
    outb edx, eax
    hlt
on_disk:
    push eax
    push edx
    mov edx, 0x44
    inl eax, edx
    mov dword [done_us], eax
    mov edx, ${port(12)}
    inl eax, edx
    mov dword [status], eax
    mov edx, 0x20
    outb edx, eax
    pop edx
    pop eax
    add esp, 4
    iret
section .data
status: dd 0
issued_us: dd 0
done_us: dd 0
`;
}

function image(blocks: number): Uint8Array {
  const a = new Uint8Array(blocks * BLOCK_SIZE);
  for (let i = 0; i < a.length; i++) a[i] = (i * 31 + (i >> 12) * 7 + 1) & 0xff;
  return a;
}

const word = (m: ReturnType<typeof boot>['machine'], name: string) => m.memory.read32(m.symbols.byName(name)!.value);

describe('machine disks', () => {
  it('reads blocks into RAM by DMA and completes by IRQ 14 after the documented latency', async () => {
    const disk = new MemoryBlockStore(image(8));
    const { machine } = boot(diskProgram(0x1f0, 14, 1, 3, 2, 0x200000), { disks: [disk] });
    expect(await runWithIo(machine)).toBe('off');
    expect(machine.exitCode).toBe(0);
    expect(word(machine, 'status')).toBe(4);
    expect(machine.memory.bytes.slice(0x200000, 0x200000 + 2 * BLOCK_SIZE)).toEqual(disk.image.slice(3 * BLOCK_SIZE, 5 * BLOCK_SIZE));
    expect(counters(machine).irqs[46]).toBe(1);
    expect(word(machine, 'done_us') - word(machine, 'issued_us')).toBe(DISK_LATENCY_US);
  });

  it('writes blocks from RAM to the swap disk (0x170, IRQ 15)', async () => {
    const root = new MemoryBlockStore(4);
    const swap = new MemoryBlockStore(16);
    const { machine } = boot(diskProgram(0x170, 15, 2, 10, 3, 0x300000), { disks: [root, swap] });
    const data = image(3);
    machine.memory.bytes.set(data, 0x300000);
    expect(await runWithIo(machine)).toBe('off');
    expect(machine.exitCode).toBe(0);
    expect(swap.image.slice(10 * BLOCK_SIZE, 13 * BLOCK_SIZE)).toEqual(data);
    expect(root.operations).toBe(0);
    let flushed = 0;
    swap.flush = async () => { flushed++; };
    await machine.flushDisks();
    expect(flushed).toBe(1);
    expect(counters(machine).irqs[47]).toBe(1);
  });

  it('reads disk 2 (0x1B0, IRQ 11) with slot 1 empty: no device answers at 0x170, the boot info says size 0', async () => {
    const root = new MemoryBlockStore(4);
    const second = new MemoryBlockStore(image(8));
    const { machine } = boot(diskProgram(0x1b0, 11, 1, 5, 1, 0x200000), { disks: [root, undefined, second] });
    expect(machine.bus.in(0x170 + 16, 4)).toBe(0xffffffff);   // SIZE of an empty slot: nothing there
    const info = machine.boot!.bootInfo;
    expect([36, 40, 44, 52].map((o) => machine.memory.read32(info + o))).toEqual([3, 4, 0, 8]);
    expect(await runWithIo(machine)).toBe('off');
    expect(machine.exitCode).toBe(0);
    expect(machine.memory.bytes.slice(0x200000, 0x200000 + BLOCK_SIZE)).toEqual(second.image.slice(5 * BLOCK_SIZE, 6 * BLOCK_SIZE));
    expect(counters(machine).irqs[43]).toBe(1);
    expect(root.operations).toBe(0);
  });

  it('passes the disk sizes in the boot info', () => {
    const { machine } = boot('main:\n    hlt\n', { disks: [new MemoryBlockStore(100), new MemoryBlockStore(7)] });
    const info = machine.boot!.bootInfo;
    expect([36, 40, 44].map((o) => machine.memory.read32(info + o))).toEqual([2, 100, 7]);
  });

  it('shows a store failure to the guest as ERROR 3 and to the host as an event', () => {
    const disk = new MemoryBlockStore(image(8));
    disk.injectFault({ op: 'read', message: 'transaction aborted' });
    const { machine } = boot(diskProgram(0x1f0, 14, 1, 0, 1, 0x200000), { disks: [disk] });
    const events: string[] = [];
    machine.on('disk-error', (m) => events.push(m));
    // The fault is reported when the store answers (a microtask): run until the request is due.
    expect(machine.run(10_000_000)).toBe('io-wait');
    return machine.ioSettled().then(() => {
      expect(machine.run(10_000_000)).toBe('off');
      expect(machine.exitCode).toBe(3);
      expect(word(machine, 'status')).toBe(4 | 2);
      expect(machine.memory.bytes.slice(0x200000, 0x201000).every((b) => b === 0)).toBe(true);
      expect(events).toEqual(['disk0: transaction aborted']);
    });
  });

  it('refuses out-of-range requests with ERROR 1 without asking the store', () => {
    const disk = new MemoryBlockStore(8);
    const { machine } = boot(diskProgram(0x1f0, 14, 1, 6, 3, 0x200000), { disks: [disk] });
    expect(machine.run(10_000_000)).toBe('off');
    expect(machine.exitCode).toBe(1);
    expect(disk.operations).toBe(0);
  });

  it('waits in io-wait for a slow store with emulated time standing still, and counts stay the same', async () => {
    const fast = new MemoryBlockStore(image(8));
    const reference = boot(diskProgram(0x1f0, 14, 1, 2, 1, 0x200000), { disks: [fast] }).machine;
    expect(await runWithIo(reference)).toBe('off');

    const slow = new MemoryBlockStore(image(8));
    slow.hold();
    const { machine } = boot(diskProgram(0x1f0, 14, 1, 2, 1, 0x200000), { disks: [slow] });
    expect(machine.run(10_000_000)).toBe('io-wait');
    const t = machine.now();
    expect(machine.disks[0].snapshot().completesAt).toBe(t);
    expect(machine.run(10_000_000)).toBe('io-wait');
    expect(machine.now()).toBe(t);
    await new Promise((r) => setTimeout(r, 10));
    expect(machine.run(10_000_000)).toBe('io-wait');
    slow.release();
    await machine.ioSettled();
    expect(machine.run(10_000_000)).toBe('off');
    expect(machine.cpu.instret).toBe(reference.cpu.instret);
    expect(machine.now()).toBe(reference.now());
    expect(machine.memory.bytes.slice(0x200000, 0x201000)).toEqual(reference.memory.bytes.slice(0x200000, 0x201000));
    expect(t).toBeGreaterThanOrEqual(DISK_LATENCY_US * TICKS_PER_MICROSECOND);
  });
});
