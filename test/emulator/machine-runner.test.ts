// The async runner around the machine: it awaits slow stores and console
// input, pauses, steps and continues, stops at breakpoints, and with
// real-time pacing keeps emulated time from running ahead of the host clock.
import { describe, it, expect } from 'vitest';
import { boot } from './machine-asm.ts';
import { Runner, turn } from '../../emulator/runner.ts';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { BLOCK_SIZE } from '../../emulator/blockstore/interface.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Poll until `condition` holds (robust on a loaded host); fails the test after 10 s. */
async function waitFor(condition: () => boolean): Promise<void> {
  const giveUp = performance.now() + 10_000;
  while (!condition()) {
    if (performance.now() > giveUp) throw new Error('condition not reached in 10 s');
    await sleep(2);
  }
}

// Spins counting in [spins] until a console byte arrives (RX IRQ sets [flag]), then powers off with it.
const SPIN_UNTIL_INPUT = `
main:
    mov dword [vectors + 36*4], on_rx
    mov edx, 0x3F9
    mov eax, 1
    outb edx, eax
    sti
.spin:
    inc dword [spins]
    cmp dword [flag], 0
    je .spin
    mov edx, 0x501
    mov eax, dword [flag]
    outb edx, eax
    hlt
on_rx:
    push eax
    push edx
    mov edx, 0x3F8
    inb eax, edx
    mov dword [flag], eax
    mov edx, 0x20
    outb edx, eax
    pop edx
    pop eax
    add esp, 4
    iret
section .data
flag: dd 0
spins: dd 0
`;

// Sleeps in hlt until console input, then reports the uptime it sees (ms, low byte) as exit code and in [uptime].
const WAIT_THEN_UPTIME = `
main:
    mov dword [vectors + 36*4], on_rx
    mov edx, 0x3F9
    mov eax, 1
    outb edx, eax
    sti
.wait:
    hlt
    cmp dword [flag], 0
    je .wait
    mov edx, 0x44
    inl eax, edx
    mov dword [uptime], eax
    mov edx, 0x501
    mov eax, 0
    outb edx, eax
    hlt
on_rx:
    push eax
    push edx
    mov edx, 0x3F8
    inb eax, edx
    mov dword [flag], 1
    mov edx, 0x20
    outb edx, eax
    pop edx
    pop eax
    add esp, 4
    iret
section .data
flag: dd 0
uptime: dd 0
`;

// Five timer periods of 20 ms: 100 ms of emulated time, almost all of it halted.
const HUNDRED_MS = `
main:
    mov dword [vectors + 32*4], on_timer
    mov edx, 0x40
    mov eax, 20000
    outl edx, eax
    sti
.wait:
    hlt
    cmp dword [count], 5
    jb .wait
    mov edx, 0x501
    mov eax, 0
    outb edx, eax
    hlt
on_timer:
    inc dword [count]
    push eax
    push edx
    mov edx, 0x20
    outb edx, eax
    pop edx
    pop eax
    add esp, 4
    iret
section .data
count: dd 0
`;

const word = (m: ReturnType<typeof boot>['machine'], name: string) => m.memory.read32(m.symbols.byName(name)!.value);

describe('runner', () => {
  it('resolves with the exit code, awaiting a store that answers late', async () => {
    const store = new MemoryBlockStore(4);
    store.image.fill(0x5c, BLOCK_SIZE, 2 * BLOCK_SIZE);
    store.hold();
    const { machine } = boot(`
main:
    mov dword [vectors + 46*4], on_disk
    sti
    mov edx, 0x1F0
    mov eax, 1
    outl edx, eax
    mov edx, 0x1F4
    outl edx, eax
    mov edx, 0x1F8
    mov eax, 0x200000
    outl edx, eax
    mov edx, 0x1FC
    mov eax, 1
    outl edx, eax
.wait:
    hlt
    jmp .wait
on_disk:
    mov edx, 0x200000
    movzx eax, byte [edx]
    mov edx, 0x501
    outb edx, eax
    hlt
`, { disks: [store] });
    const runner = new Runner(machine);
    const done = runner.run();
    await waitFor(() => machine.state === 'io-wait');
    await sleep(20);
    expect(machine.state).toBe('io-wait');
    expect(runner.status).toBe('running');
    store.release();
    expect(await done).toEqual({ state: 'off', exitCode: 0x5c, deadReason: '' });
    expect(runner.status).toBe('finished');
  });

  it('waits for console input while idle', async () => {
    const { machine } = boot(WAIT_THEN_UPTIME);
    const runner = new Runner(machine);
    const done = runner.run();
    await waitFor(() => machine.state === 'idle');
    const instret = machine.cpu.instret;
    await sleep(10);
    expect(machine.cpu.instret).toBe(instret); // idle means no spinning
    machine.sendInput('x');
    expect((await done).state).toBe('off');
  });

  it('pauses, steps exactly, and continues', async () => {
    const { machine } = boot(SPIN_UNTIL_INPUT);
    const runner = new Runner(machine, { sliceInstructions: 10_000 });
    const events: string[] = [];
    runner.events = { paused: (r) => events.push(`paused:${r}`), resumed: () => events.push('resumed') };
    const done = runner.run();
    await sleep(5);
    await runner.pause();
    expect(runner.status).toBe('paused');
    const at = machine.cpu.instret;
    await sleep(10);
    expect(machine.cpu.instret).toBe(at);
    await runner.step(5);
    expect(machine.cpu.instret).toBe(at + 5);
    expect(await runner.step()).toBe('running');
    expect(machine.cpu.instret).toBe(at + 6);
    runner.continue();
    await waitFor(() => machine.cpu.instret > at + 6);
    machine.sendInput('A');
    const result = await done;
    expect(result.exitCode).toBe(0x41);
    expect(events).toEqual(['paused:request', 'resumed']);
  });

  it('pauses at a breakpoint and goes on when continued', async () => {
    const { machine } = boot(HUNDRED_MS);
    const handler = machine.symbols.byName('on_timer')!.value;
    machine.addBreakpoint(handler);
    const runner = new Runner(machine);
    const hits: number[] = [];
    runner.events = {
      paused: (reason) => {
        expect(reason).toBe('breakpoint');
        hits.push(machine.cpu.eip);
        setTimeout(() => runner.continue(), 0);
      },
    };
    const result = await runner.run();
    expect(result.state).toBe('off');
    expect(hits).toEqual([handler, handler, handler, handler, handler]);
  });

  it('can be stopped', async () => {
    const { machine } = boot(SPIN_UNTIL_INPUT);
    const runner = new Runner(machine, { sliceInstructions: 10_000 });
    const done = runner.run();
    await sleep(5);
    runner.stop();
    const result = await done;
    expect(result.state).toBe('running');
    expect(result.exitCode).toBeNull();
  });

  it('without pacing, a halted guest jumps to its next deadline (100 ms of guest time, few instructions)', async () => {
    const { machine } = boot(HUNDRED_MS);
    const result = await new Runner(machine).run();
    expect(result.state).toBe('off');
    expect(machine.seconds()).toBeGreaterThanOrEqual(0.1);
    expect(machine.seconds()).toBeLessThan(0.101);
    expect(machine.cpu.instret).toBeLessThan(1000);
  });

  it('with real-time pacing, 100 ms of guest time takes at least 100 ms of host time', async () => {
    const { machine } = boot(HUNDRED_MS);
    const started = performance.now();
    const result = await new Runner(machine, { realTime: true }).run();
    const elapsed = performance.now() - started;
    expect(result.state).toBe('off');
    expect(machine.seconds()).toBeGreaterThanOrEqual(0.1);
    expect(elapsed).toBeGreaterThanOrEqual(99);
  });

  it('with real-time pacing, time spent idle passes for the guest too', async () => {
    const { machine } = boot(WAIT_THEN_UPTIME);
    const runner = new Runner(machine, { realTime: true });
    const done = runner.run();
    await sleep(60);
    machine.sendInput('x');
    expect((await done).state).toBe('off');
    expect(word(machine, 'uptime')).toBeGreaterThanOrEqual(55_000); // µs, at least the host's wait
  });

  it('without pacing, time spent idle does not pass', async () => {
    const { machine } = boot(WAIT_THEN_UPTIME);
    const done = new Runner(machine).run();
    await sleep(30);
    machine.sendInput('x');
    expect((await done).state).toBe('off');
    expect(word(machine, 'uptime')).toBeLessThan(100);
  });
});

describe('turn() where there is no setImmediate (browsers)', () => {
  it('answers every waiter in order, each after the microtasks queued before it', async () => {
    const g = globalThis as { setImmediate?: unknown };
    const saved = g.setImmediate;
    g.setImmediate = undefined;
    try {
      const order: string[] = [];
      const turns = [1, 2, 3].map((i) => turn().then(() => order.push(`turn ${i}`)));
      queueMicrotask(() => order.push('microtask'));
      await Promise.all(turns);
      expect(order).toEqual(['microtask', 'turn 1', 'turn 2', 'turn 3']);
      // The channel is made once and keeps working for later turns.
      await turn();
      await turn();
    } finally {
      g.setImmediate = saved;
    }
  });
});
