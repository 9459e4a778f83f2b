// The two host-to-guest devices beside the console, driven through the port
// bus (no CPU): the console-size register (terminal columns × rows, IRQ 3 on
// change) and the debug doorbell (a queue of requests such as "send pid N
// signal S", IRQ 5 while one waits, answered by the guest in order). Also:
// both are attached to the machine at their documented ports.
import { describe, it, expect } from 'vitest';
import { PortBus, type PortDevice } from '../../emulator/bus.ts';
import type { InterruptLines } from '../../emulator/devices/device.ts';
import {
  ConsoleSize, CONSOLE_SIZE_BASE_PORT, CONSOLE_SIZE_IRQ, CONSOLE_SIZE_PORT_COUNT,
} from '../../emulator/devices/console-size.ts';
import { Doorbell, DOORBELL_BASE_PORT, DOORBELL_IRQ, DOORBELL_PORT_COUNT, DOORBELL_SIGNAL } from '../../emulator/devices/doorbell.ts';
import { Machine } from '../../emulator/machine.ts';

/** Interrupt lines that remember each line's level. */
function lines() {
  const level = new Map<number, boolean>();
  const irq: InterruptLines = { setLevel: (line, high) => { level.set(line, high); }, pulse: () => {} };
  return { irq, level };
}

/** A device made on such lines, alone on its ports of a new bus. */
function onBus<D extends PortDevice>(make: (irq: InterruptLines) => D, first: number, count: number) {
  const { irq, level } = lines();
  const bus = new PortBus();
  const dev = make(irq);
  bus.register(first, count, dev);
  return { bus, dev, level };
}

const SIZE = CONSOLE_SIZE_BASE_PORT;
const STATUS = CONSOLE_SIZE_BASE_PORT + 4;

describe('console-size register', () => {
  const setup = () => onBus((irq) => new ConsoleSize(irq), CONSOLE_SIZE_BASE_PORT, CONSOLE_SIZE_PORT_COUNT);

  it('reads 80 × 24 before the host says anything, with no change pending', () => {
    const { bus, level } = setup();
    expect(bus.in(SIZE, 4)).toBe((24 << 16) | 80);
    expect(bus.in(STATUS, 4)).toBe(0);
    expect(level.get(CONSOLE_SIZE_IRQ) ?? false).toBe(false);
  });

  it('gives columns in the low half and rows in the high half, also by word', () => {
    const { bus, dev } = setup();
    dev.setSize(132, 43);
    expect(bus.in(SIZE, 4)).toBe((43 << 16) | 132);
    expect(bus.in(SIZE, 2)).toBe(132);
    expect(bus.in(SIZE + 2, 2)).toBe(43);
  });

  it('raises IRQ 3 on a change and keeps it up until the guest acknowledges', () => {
    const { bus, dev, level } = setup();
    dev.setSize(100, 30);
    expect(level.get(CONSOLE_SIZE_IRQ)).toBe(true);
    expect(bus.in(STATUS, 4)).toBe(1);
    bus.out(STATUS, 4, 0); // bit 0 clear: not an acknowledgement
    expect(level.get(CONSOLE_SIZE_IRQ)).toBe(true);
    bus.out(STATUS, 4, 1);
    expect(level.get(CONSOLE_SIZE_IRQ)).toBe(false);
    expect(bus.in(STATUS, 4)).toBe(0);
    expect(bus.in(SIZE, 4)).toBe((30 << 16) | 100);
  });

  it('ignores a size equal to the current one and writes to the size register', () => {
    const { bus, dev, level } = setup();
    dev.setSize(80, 24);
    expect(level.get(CONSOLE_SIZE_IRQ) ?? false).toBe(false);
    bus.out(SIZE, 4, 0x00010001);
    expect(bus.in(SIZE, 4)).toBe((24 << 16) | 80);
  });

  it('clamps nonsense from the host instead of throwing', () => {
    const { bus, dev } = setup();
    dev.setSize(0, 1e9);
    expect(bus.in(SIZE, 4)).toBe(((0xffff << 16) | 1) >>> 0);
    dev.setSize(Number.NaN, 50);
    expect(bus.in(SIZE, 4)).toBe(((50 << 16) | 1) >>> 0);
  });
});

describe('debug doorbell', () => {
  const COMMAND = DOORBELL_BASE_PORT, ARG0 = DOORBELL_BASE_PORT + 4, ARG1 = DOORBELL_BASE_PORT + 8, RESULT = DOORBELL_BASE_PORT + 12;
  const setup = () => onBus((irq) => new Doorbell(irq), DOORBELL_BASE_PORT, DOORBELL_PORT_COUNT);

  it('reads command 0 and keeps IRQ 5 low while nothing waits', () => {
    const { bus, level } = setup();
    expect(bus.in(COMMAND, 4)).toBe(0);
    expect(level.get(DOORBELL_IRQ) ?? false).toBe(false);
  });

  it('shows a request in its registers until the guest answers it, then reports the answer to the host', () => {
    const { bus, dev, level } = setup();
    const answers: number[] = [];
    expect(dev.ring({ command: DOORBELL_SIGNAL, arg0: 7, arg1: 9, done: (r) => answers.push(r) })).toBe(true);
    expect(level.get(DOORBELL_IRQ)).toBe(true);
    expect([bus.in(COMMAND, 4), bus.in(ARG0, 4), bus.in(ARG1, 4)]).toEqual([DOORBELL_SIGNAL, 7, 9]);
    bus.out(RESULT, 4, -3 >>> 0);
    expect(answers).toEqual([-3]);
    expect(level.get(DOORBELL_IRQ)).toBe(false);
    expect(bus.in(COMMAND, 4)).toBe(0);
    expect(dev.snapshot()).toEqual({ waiting: 0, answered: 1, lastResult: -3 });
  });

  it('answers queued requests in order and keeps the line up between them', () => {
    const { bus, dev, level } = setup();
    const answers: string[] = [];
    dev.ring({ command: 1, arg0: 10, arg1: 15, done: (r) => answers.push(`10:${r}`) });
    dev.ring({ command: 1, arg0: 11, arg1: 9, done: (r) => answers.push(`11:${r}`) });
    expect(bus.in(ARG0, 4)).toBe(10);
    bus.out(RESULT, 4, 0);
    expect(level.get(DOORBELL_IRQ)).toBe(true);
    expect(bus.in(ARG0, 4)).toBe(11);
    expect(bus.in(ARG1, 4)).toBe(9);
    bus.out(RESULT, 4, 0);
    expect(answers).toEqual(['10:0', '11:0']);
    expect(level.get(DOORBELL_IRQ)).toBe(false);
  });

  it('completes a request only when the last byte of RESULT is written', () => {
    const { bus, dev } = setup();
    const answers: number[] = [];
    dev.ring({ command: 1, arg0: 5, arg1: 9, done: (r) => answers.push(r) });
    bus.out(RESULT, 2, 0xfffd);
    expect(answers).toEqual([]);
    bus.out(RESULT + 2, 2, 0xffff);
    expect(answers).toEqual([-3]);
  });

  it('ignores an answer with nothing waiting and refuses the host beyond 16 waiting requests', () => {
    const { bus, dev } = setup();
    bus.out(RESULT, 4, 0);
    expect(dev.snapshot().answered).toBe(0);
    for (let i = 0; i < 16; i++) expect(dev.ring({ command: 1, arg0: i, arg1: 9 })).toBe(true);
    expect(dev.ring({ command: 1, arg0: 99, arg1: 9 })).toBe(false);
    expect(dev.snapshot().waiting).toBe(16);
  });
});

describe('the machine', () => {
  it('attaches both devices at their documented ports and IRQ lines', () => {
    const m = new Machine({ ramBytes: 1 << 20 });
    m.consoleSize.setSize(120, 40);
    expect(m.bus.in(SIZE, 4)).toBe((40 << 16) | 120);
    expect(m.pic.snapshot().requests & (1 << CONSOLE_SIZE_IRQ)).not.toBe(0);
    m.doorbell.ring({ command: DOORBELL_SIGNAL, arg0: 3, arg1: 15 });
    expect(m.bus.in(DOORBELL_BASE_PORT + 4, 4)).toBe(3);
    expect(m.pic.snapshot().requests & (1 << DOORBELL_IRQ)).not.toBe(0);
    expect(m.bus.in(0x20, 4) & ((1 << CONSOLE_SIZE_IRQ) | (1 << DOORBELL_IRQ))).toBe((1 << CONSOLE_SIZE_IRQ) | (1 << DOORBELL_IRQ));
  });
});
