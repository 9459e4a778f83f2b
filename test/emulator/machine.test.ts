// The machine with real guest code (assembled by toolchain/as, linked by
// toolchain/ld): console, power-off, timer interrupts with hlt skipping time,
// console input waking an idle machine, a dead CPU, breakpoints, and
// determinism across different host slicings.
import { describe, it, expect } from 'vitest';
import { boot } from './machine-asm.ts';
import { Machine } from '../../emulator/machine.ts';
import { assemble } from '../../toolchain/as/assemble.ts';
import { link } from '../../toolchain/ld/link.ts';
import { counters, registers } from '../../emulator/inspect.ts';
import { TICKS_PER_MICROSECOND } from '../../emulator/devices/device.ts';

const HELLO = `
main:
    mov esi, msg
    mov edx, 0x3F8
.next:
    movzx eax, byte [esi]
    cmp eax, 0
    je .done
    outb edx, eax
    inc esi
    jmp .next
.done:
    mov edx, 0x501
    mov eax, 7
    outb edx, eax
    hlt
section .data
msg: db "hello, hako", 10, 0
`;

// Five timer ticks of 1 ms, counted by the IRQ 0 handler while main sleeps in hlt.
const TICKS = `
main:
    mov dword [vectors + 32*4], on_timer
    mov edx, 0x40
    mov eax, 1000          ; period: 1000 us
    outl edx, eax
    sti
.wait:
    hlt
    cmp dword [count], 5
    jb .wait
    mov edx, 0x44
    inl eax, edx           ; uptime in us
    mov dword [uptime], eax
    mov edx, 0x501
    mov eax, [count]
    outb edx, eax
    hlt
on_timer:
    push eax
    push edx
    inc dword [count]
    mov edx, 0x20
    outb edx, eax          ; EOI
    pop edx
    pop eax
    add esp, 4
    iret
section .data
count: dd 0
uptime: dd 0
`;

describe('machine', () => {
  it('prints to the console and powers off with the exit code', () => {
    const { machine, output } = boot(HELLO);
    const codes: number[] = [];
    machine.on('poweroff', (c) => codes.push(c));
    expect(machine.run(1_000_000)).toBe('off');
    expect(output()).toBe('hello, hako\n');
    expect(machine.exitCode).toBe(7);
    expect(codes).toEqual([7]);
    expect(machine.run(1000)).toBe('off'); // final
  });

  it('delivers timer IRQs at exact emulated times, skipping halted time', () => {
    const { machine } = boot(TICKS);
    expect(machine.run(10_000_000)).toBe('off');
    expect(machine.exitCode).toBe(5);
    const c = counters(machine);
    expect(c.irqs[32]).toBe(5);
    expect(c.instructions).toBeLessThan(1000); // it slept, it did not spin
    // The timer was programmed in the first batch, which started at tick 0;
    // the fifth expiry is at 5 × 1000 µs, and main reads the uptime in the
    // batch that starts when that IRQ wakes it.
    expect(c.ticks).toBeGreaterThan(5000 * TICKS_PER_MICROSECOND);
    const uptimeUs = machine.memory.read32(machine.symbols.byName('uptime')!.value);
    expect(uptimeUs).toBe(5000);
    expect(c.idleTicks).toBe(c.ticks - c.instructions);
  });

  it('is idle waiting for console input, and input wakes it through IRQ 4', () => {
    const { machine, output } = boot(`
main:
    mov dword [vectors + 36*4], on_rx
    mov edx, 0x3F9
    mov eax, 1             ; IER: RX interrupt
    outb edx, eax
    sti
.wait:
    hlt
    jmp .wait
on_rx:
    mov edx, 0x3F8
    inb eax, edx
    add eax, 1
    outb edx, eax          ; echo the next letter
    cmp eax, 'z'
    je .off
    mov edx, 0x20
    outb edx, eax
    add esp, 4
    iret
.off:
    mov edx, 0x501
    mov eax, 0
    outb edx, eax
    hlt
`);
    expect(machine.run(1_000_000)).toBe('idle');
    const t = machine.now();
    expect(machine.run(1_000_000)).toBe('idle');
    expect(machine.now()).toBe(t); // idle: nothing to skip to, time stands
    machine.sendInput('ab');
    expect(machine.run(1_000_000)).toBe('idle');
    expect(output()).toBe('bc');
    machine.sendInput('y');
    expect(machine.run(1_000_000)).toBe('off');
    expect(output()).toBe('bcz');
  });

  it('reports a CPU halted with interrupts off as dead, with the reason', () => {
    const { machine } = boot(`
main:
    cli
    hlt
`);
    const reasons: string[] = [];
    machine.on('dead', (r) => reasons.push(r));
    expect(machine.run(1000)).toBe('dead');
    expect(machine.deadReason).toMatch(/interrupts off/);
    expect(reasons).toEqual([machine.deadReason]);
    expect(machine.run(1000)).toBe('dead');
  });

  it('stops at a breakpoint before the instruction and continues past it', () => {
    const { machine, output } = boot(HELLO);
    const done = machine.symbols.byName('main')!.value;
    machine.addBreakpoint(done);
    expect(machine.run(1_000_000)).toBe('breakpoint');
    expect(registers(machine).eip).toBe(done);
    expect(registers(machine).eipSymbol).toBe('main');
    expect(output()).toBe('');
    expect(machine.listBreakpoints()).toEqual([done]);
    expect(machine.run(1_000_000)).toBe('off');
    expect(output()).toBe('hello, hako\n');
  });

  it('a breakFilter that says no lets the run go on past the breakpoint; one that says yes stops there', () => {
    const { machine, output } = boot(HELLO);
    const done = machine.symbols.byName('main')!.value;
    machine.addBreakpoint(done);
    const seen: number[] = [];
    machine.breakFilter = (eip) => { seen.push(eip); return false; };
    expect(machine.run(1_000_000)).toBe('off');
    expect(seen).toEqual([done]);
    expect(output()).toBe('hello, hako\n');
    const again = boot(HELLO).machine;
    again.addBreakpoint(done);
    again.breakFilter = () => true;
    expect(again.run(1_000_000)).toBe('breakpoint');
    expect(again.cpu.eip).toBe(done);
  });

  it('steps one instruction at a time', () => {
    const { machine } = boot(HELLO);
    const start = registers(machine).eip;
    expect(machine.step()).toBe('running');
    expect(machine.cpu.instret).toBe(1);
    expect(registers(machine).eip).not.toBe(start);
  });

  it('is deterministic: the same counts and output however the host slices the run', () => {
    // A compute loop that keeps reading the uptime while a fast timer interrupts it.
    const program = `
main:
    mov dword [vectors + 32*4], on_timer
    mov edx, 0x40
    mov eax, 7             ; a 7 us period: an IRQ every 700 instructions or so
    outl edx, eax
    sti
    mov ecx, 20000
.loop:
    mov edx, 0x44
    inl eax, edx
    add dword [sum], eax
    mov eax, dword [sum]
    rol eax, 3
    mov dword [sum], eax
    dec ecx
    jnz .loop
    mov edx, 0x3F8
    mov eax, dword [sum]
    outb edx, eax
    shr eax, 8
    outb edx, eax
    mov edx, 0x501
    mov eax, dword [count]
    outb edx, eax
    hlt
on_timer:
    push eax
    push edx
    inc dword [count]
    mov edx, 0x20
    outb edx, eax
    pop edx
    pop eax
    add esp, 4
    iret
section .data
count: dd 0
sum: dd 0
`;
    const results = [1_000_000_000, 997, 13, 1].map((slice) => {
      const { machine, output } = boot(program);
      let guard = 0;
      while (machine.run(slice) === 'running' && guard++ < 10_000_000);
      return {
        state: machine.state, exit: machine.exitCode, out: output(), instret: machine.cpu.instret, ticks: machine.now(),
        sum: machine.memory.read32(machine.symbols.byName('sum')!.value), irqs: counters(machine).irqs[32],
      };
    });
    expect(results[0].state).toBe('off');
    expect(results[0].irqs).toBeGreaterThan(100);
    expect(results[0].exit).toBe(results[0].irqs & 0xff);
    for (const r of results.slice(1)) expect(r).toEqual(results[0]);
  });

  it('holds a masked IRQ until unmasked, and the next one until EOI', () => {
    const { machine } = boot(`
main:
    mov dword [vectors + 32*4], on_timer
    mov edx, 0x21
    mov eax, 1             ; mask line 0
    outb edx, eax
    mov edx, 0x40
    mov eax, 10            ; 10 us period
    outl edx, eax
    sti
    mov ecx, 5000          ; spin well past several periods
.spin:
    dec ecx
    jnz .spin
    mov eax, dword [count]
    mov dword [while_masked], eax
    mov edx, 0x21
    mov eax, 0             ; unmask: the pending tick is delivered at once
    outb edx, eax
    nop
    mov eax, dword [count]
    mov dword [after_unmask], eax
    mov ecx, 5000          ; no EOI yet: line 0 stays in service, no more ticks
.spin2:
    dec ecx
    jnz .spin2
    mov eax, dword [count]
    mov dword [before_eoi], eax
    mov edx, 0x20
    outb edx, eax          ; EOI
    mov ecx, 5000
.spin3:
    dec ecx
    jnz .spin3
    mov edx, 0x501
    mov eax, dword [count]
    outb edx, eax
    hlt
on_timer:                  ; counts, and leaves EOI to main
    inc dword [count]
    add esp, 4
    iret
section .data
count: dd 0
while_masked: dd 0
after_unmask: dd 0
before_eoi: dd 0
`);
    expect(machine.run(1_000_000)).toBe('off');
    const w = (n: string) => machine.memory.read32(machine.symbols.byName(n)!.value);
    expect(w('while_masked')).toBe(0);
    expect(w('after_unmask')).toBe(1);
    expect(w('before_eoi')).toBe(1);
    expect(machine.exitCode).toBe(2); // after EOI the latched tick comes, then it is in service again
    expect(counters(machine).irqs[32]).toBe(2);
  });

  it('boots a higher-half kernel (linked at 0xC0100000, loaded at 0x100000) at its physical entry', () => {
    const asm = assemble(`
section .text
global _start
_start:                    ; paging is off: only position-independent code until it is on
    mov edx, 0x501
    mov eax, 42
    outb edx, eax
    hlt
`, 'kernel.s');
    if (!asm.ok) throw new Error('assembly failed');
    const linked = link([{ name: 'kernel.o', data: asm.object }], { base: 0xc0100000, physOffset: 0xc0000000 });
    if (!linked.ok) throw new Error(linked.errors.join('\n'));
    const machine = new Machine({ ramBytes: 4 << 20, bootTime: 0, cmdline: 'init=/bin/sh' });
    const bootState = machine.load(linked.elf);
    expect(bootState.eip).toBe(0x00100000);
    expect(machine.symbols.byName('_start')!.value).toBe(0xc0100000);
    expect(registers(machine)).toMatchObject({ eip: 0x100000, esp: 0x90000, eax: 0x48414b4f, ebx: bootState.bootInfo, ring: 0, paging: false });
    expect(registers(machine).flags.IF).toBe(false);
    expect(registers(machine).eipSymbol).toBe('_start'); // named through the segment's link address
    expect(machine.symbolize(0x100005)).toBe('_start+0x5');
    expect(machine.run(1000)).toBe('off');
    expect(machine.exitCode).toBe(42);
  });

  it('reads the RTC as boot time plus emulated seconds', () => {
    const { machine } = boot(`
main:
    mov edx, 0x70
    inl eax, edx
    mov dword [now], eax
    mov edx, 0x501
    outb edx, eax
    hlt
section .data
now: dd 0
`, { bootTime: 1_800_000_000 });
    expect(machine.run(1000)).toBe('off');
    expect(machine.memory.read32(machine.symbols.byName('now')!.value)).toBe(1_800_000_000);
  });
});
