// Device registers driven straight through the port bus (no CPU): the
// interrupt controller, timer, RTC, UART and power port.
import { describe, it, expect } from 'vitest';
import { PortBus } from '../../emulator/bus.ts';
import { ManualClock, TICKS_PER_MICROSECOND, TICKS_PER_SECOND } from '../../emulator/devices/device.ts';
import { Pic } from '../../emulator/devices/pic.ts';
import { Timer, TIMER_BASE_PORT, TIMER_PORT_COUNT } from '../../emulator/devices/timer.ts';
import { Rtc, RTC_PORT, RTC_PORT_COUNT } from '../../emulator/devices/rtc.ts';
import { Uart, UART_BASE_PORT, UART_PORT_COUNT } from '../../emulator/devices/uart.ts';
import { PowerControl, POWER_PORT } from '../../emulator/devices/power.ts';

function picOnBus() {
  const bus = new PortBus();
  const deliverable: boolean[] = [];
  const pic = new Pic((d) => deliverable.push(d));
  bus.register(0x20, 2, pic);
  bus.register(0xa1, 1, pic);
  return { bus, pic, deliverable };
}

// The timer on its ports with a hand-moved clock; changes() counts the
// times it told the machine its next deadline moved.
function timerOnBus() {
  const bus = new PortBus();
  const clock = new ManualClock();
  const pic = new Pic();
  let scheduleChanges = 0;
  const timer = new Timer(clock, pic, () => scheduleChanges++);
  bus.register(TIMER_BASE_PORT, TIMER_PORT_COUNT, timer);
  return { bus, clock, pic, timer, changes: () => scheduleChanges };
}

describe('interrupt controller', () => {
  it('maps line n to vector 32+n and reports requests on port 0x20', () => {
    const { bus, pic, deliverable } = picOnBus();
    expect(pic.pendingVector()).toBe(-1);
    pic.pulse(4);
    expect(pic.pendingVector()).toBe(36);
    expect(deliverable.at(-1)).toBe(true);
    expect(bus.in(0x20, 4)).toBe(1 << 4);
  });

  it('masks lines 0-7 through 0x21 and 8-15 through 0xA1', () => {
    const { bus, pic, deliverable } = picOnBus();
    bus.out(0x21, 1, 1 << 3);
    bus.out(0xa1, 1, 1 << (14 - 8));
    expect(bus.in(0x21, 1)).toBe(1 << 3);
    expect(bus.in(0xa1, 1)).toBe(1 << 6);
    pic.pulse(3);
    pic.setLevel(14, true);
    expect(pic.pendingVector()).toBe(-1);
    expect(deliverable.at(-1)).toBe(false);
    expect(bus.in(0x20, 4)).toBe((1 << 3) | (1 << 14)); // requests show even when masked
    bus.out(0xa1, 1, 0);
    expect(pic.pendingVector()).toBe(32 + 14);
    expect(deliverable.at(-1)).toBe(true);
    bus.out(0x21, 1, 0);
    expect(pic.pendingVector()).toBe(32 + 3); // lower line = higher priority
  });

  it('blocks same and lower priority while in service, and EOI releases them', () => {
    const { bus, pic, deliverable } = picOnBus();
    pic.pulse(4);
    pic.acknowledge(36);
    expect(pic.pendingVector()).toBe(-1);
    expect(deliverable.at(-1)).toBe(false);
    pic.pulse(4); // a second edge while the first is in service
    pic.pulse(6);
    expect(pic.pendingVector()).toBe(-1);
    pic.pulse(0); // a higher-priority line nests
    expect(pic.pendingVector()).toBe(32);
    pic.acknowledge(32);
    expect(pic.pendingVector()).toBe(-1);
    bus.out(0x20, 1, 0); // EOI of line 0
    expect(pic.snapshot().inService).toBe(1 << 4);
    expect(pic.pendingVector()).toBe(-1);
    bus.out(0x20, 1, 0); // EOI of line 4
    expect(pic.pendingVector()).toBe(36);
    pic.acknowledge(36);
    bus.out(0x20, 1, 0);
    expect(pic.pendingVector()).toBe(38);
  });

  it('consumes an edge on acknowledge but re-delivers a level still held after EOI', () => {
    const { bus, pic } = picOnBus();
    pic.pulse(1);
    pic.acknowledge(33);
    bus.out(0x20, 1, 0);
    expect(pic.pendingVector()).toBe(-1);
    pic.setLevel(2, true);
    pic.acknowledge(34);
    bus.out(0x20, 1, 0);
    expect(pic.pendingVector()).toBe(34);
    pic.setLevel(2, false);
    expect(pic.pendingVector()).toBe(-1);
  });
});

describe('timer', () => {
  it('is off until a period is written, then fires IRQ 0 every period', () => {
    const { bus, clock, pic, timer, changes } = timerOnBus();
    expect(timer.nextDeadline()).toBe(Infinity);
    clock.ticks = 500;
    bus.out(0x40, 4, 1000);
    expect(changes()).toBe(1);
    expect(bus.in(0x40, 4)).toBe(1000);
    expect(timer.nextDeadline()).toBe(500 + 1000 * TICKS_PER_MICROSECOND);
    clock.ticks = timer.nextDeadline() - 1;
    timer.advance(clock.ticks);
    expect(pic.pendingVector()).toBe(-1);
    clock.ticks += 1;
    timer.advance(clock.ticks);
    expect(pic.pendingVector()).toBe(32);
    expect(timer.nextDeadline()).toBe(500 + 2000 * TICKS_PER_MICROSECOND);
    bus.out(0x40, 4, 0);
    expect(timer.nextDeadline()).toBe(Infinity);
  });

  it('coalesces expiries missed by a late advance into one pulse and stays on its grid', () => {
    const { bus, clock, pic, timer } = timerOnBus();
    bus.out(0x40, 4, 10);
    clock.ticks = 3.5 * 10 * TICKS_PER_MICROSECOND; // three and a half periods late
    timer.advance(clock.ticks);
    expect(pic.pendingVector()).toBe(32);
    pic.acknowledge(32);
    expect(pic.pendingVector()).toBe(-1);
    expect(timer.nextDeadline()).toBe(4000);
  });

  it('reads uptime in µs as two dwords, latching the high half on the low read', () => {
    const { bus, clock } = timerOnBus();
    const us = 0x1_2345_6789;
    clock.ticks = us * TICKS_PER_MICROSECOND + 57;
    expect(bus.in(0x44, 4)).toBe(0x2345_6789);
    clock.ticks += 0x1_0000_0000 * TICKS_PER_MICROSECOND; // the high half moves after the latch
    expect(bus.in(0x48, 4)).toBe(1);
    expect(bus.in(0x44, 4)).toBe(0x2345_6789);
    expect(bus.in(0x48, 4)).toBe(2);
    bus.out(0x44, 4, 0); // read-only
    expect(bus.in(0x44, 4)).toBe(0x2345_6789);
  });
});

describe('timer one-shot (port 0x4C, IRQ 8)', () => {
  it('pulses IRQ 8 once when the µs uptime reaches the deadline, then reads 0', () => {
    const { bus, clock, pic, timer, changes } = timerOnBus();
    clock.ticks = 1000 * TICKS_PER_MICROSECOND + 37; // uptime 1000 µs, partway into the µs
    bus.out(0x4c, 4, 1020);
    expect(changes()).toBe(1);
    expect(bus.in(0x4c, 4)).toBe(1020);
    expect(timer.nextDeadline()).toBe(1020 * TICKS_PER_MICROSECOND);
    clock.ticks = timer.nextDeadline() - 1;
    timer.advance(clock.ticks);
    expect(pic.pendingVector()).toBe(-1);
    expect(bus.in(0x44, 4)).toBe(1019);
    clock.ticks += 1;
    timer.advance(clock.ticks);
    expect(bus.in(0x44, 4)).toBe(1020);
    expect(pic.pendingVector()).toBe(32 + 8);
    pic.acknowledge(32 + 8);
    expect(bus.in(0x4c, 4)).toBe(0);
    expect(timer.nextDeadline()).toBe(Infinity);
    clock.ticks += 100 * TICKS_PER_MICROSECOND;
    timer.advance(clock.ticks);
    expect(pic.pendingVector()).toBe(-1); // once only
  });

  it('runs beside the periodic tick, each on its own line, the earliest deadline first', () => {
    const { bus, clock, pic, timer } = timerOnBus();
    bus.out(0x40, 4, 10_000);
    bus.out(0x4c, 4, 25);
    expect(timer.nextDeadline()).toBe(25 * TICKS_PER_MICROSECOND);
    clock.ticks = 25 * TICKS_PER_MICROSECOND;
    timer.advance(clock.ticks);
    expect(pic.pendingVector()).toBe(40);
    pic.acknowledge(40);
    expect(timer.nextDeadline()).toBe(10_000 * TICKS_PER_MICROSECOND);
    bus.out(0x4c, 4, 30_000); // beyond the next tick: the tick comes first
    expect(timer.nextDeadline()).toBe(10_000 * TICKS_PER_MICROSECOND);
    clock.ticks = timer.nextDeadline();
    timer.advance(clock.ticks);
    expect(pic.pendingVector()).toBe(32);
  });

  it('fires at once for a deadline already passed, and 0 disarms it', () => {
    const { bus, clock, pic, timer } = timerOnBus();
    clock.ticks = 500 * TICKS_PER_MICROSECOND;
    bus.out(0x4c, 4, 400);
    expect(timer.nextDeadline()).toBe(clock.ticks);
    timer.advance(clock.ticks);
    expect(pic.pendingVector()).toBe(40);
    pic.acknowledge(40);
    bus.out(0x4c, 4, 900);
    bus.out(0x4c, 4, 0);
    expect(timer.nextDeadline()).toBe(Infinity);
    clock.ticks = 1000 * TICKS_PER_MICROSECOND;
    timer.advance(clock.ticks);
    expect(pic.pendingVector()).toBe(-1);
  });

  it('compares with the uptime modulo 2^32 µs, so a deadline past the wrap is ahead', () => {
    const { bus, clock, timer } = timerOnBus();
    const nowUs = 0x1_ffff_fff0; // 16 µs before the low dword wraps
    clock.ticks = nowUs * TICKS_PER_MICROSECOND;
    bus.out(0x4c, 4, 0x10);
    expect(timer.nextDeadline()).toBe((nowUs + 0x20) * TICKS_PER_MICROSECOND);
  });

  it('snapshots its registers and deadlines as plain data', () => {
    const { bus, clock, timer } = timerOnBus();
    bus.out(0x40, 4, 10_000);
    clock.ticks = 3 * TICKS_PER_MICROSECOND;
    bus.out(0x4c, 4, 50);
    const snap = timer.snapshot();
    expect(snap).toEqual({
      periodUs: 10_000, nextTick: 10_000 * TICKS_PER_MICROSECOND, uptimeUs: 3,
      oneShotUs: 50, oneShotTick: 50 * TICKS_PER_MICROSECOND,
    });
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
  });

  // Regression: time travel's saveState once left the one-shot out, so a rewind
  // across an armed deadline lost its interrupt.
  it('restores an armed one-shot from saveState into a fresh timer (time travel)', () => {
    const a = timerOnBus();
    a.bus.out(0x40, 4, 10_000);
    a.clock.ticks = 3 * TICKS_PER_MICROSECOND;
    a.bus.out(0x4c, 4, 50);
    const state = JSON.parse(JSON.stringify(a.timer.saveState()));
    const b = timerOnBus();
    b.clock.ticks = a.clock.ticks;
    b.timer.loadState(state);
    expect(b.bus.in(0x4c, 4)).toBe(50);
    expect(b.timer.nextDeadline()).toBe(50 * TICKS_PER_MICROSECOND);
    b.clock.ticks = 50 * TICKS_PER_MICROSECOND;
    b.timer.advance(b.clock.ticks);
    expect(b.pic.pendingVector()).toBe(32 + 8);
  });
});

describe('RTC', () => {
  it('reads boot time plus emulated seconds at port 0x70', () => {
    const bus = new PortBus();
    const clock = new ManualClock();
    bus.register(RTC_PORT, RTC_PORT_COUNT, new Rtc(clock, 1_700_000_000));
    expect(bus.in(0x70, 4)).toBe(1_700_000_000);
    clock.ticks = 3 * TICKS_PER_SECOND - 1;
    expect(bus.in(0x70, 4)).toBe(1_700_000_002);
    clock.ticks += 1;
    expect(bus.in(0x70, 4)).toBe(1_700_000_003);
    expect(bus.in(0x70, 1)).toBe(1_700_000_003 & 0xff);
  });
});

describe('UART', () => {
  function uartOnBus() {
    const bus = new PortBus();
    const pic = new Pic();
    const out: number[] = [];
    const uart = new Uart(pic, (b) => out.push(b));
    bus.register(UART_BASE_PORT, UART_PORT_COUNT, uart);
    return { bus, pic, out, uart };
  }

  it('sends THR writes to the output and always reports the transmitter empty', () => {
    const { bus, out } = uartOnBus();
    for (const c of 'hi\n') bus.out(0x3f8, 1, c.charCodeAt(0));
    expect(String.fromCharCode(...out)).toBe('hi\n');
    expect(bus.in(0x3fd, 1) & 0x60).toBe(0x60);
  });

  it('queues host input, flags data ready and raises IRQ 4 only when RX is enabled', () => {
    const { bus, pic, uart } = uartOnBus();
    expect(bus.in(0x3fd, 1) & 1).toBe(0);
    uart.receive('ab');
    expect(bus.in(0x3fd, 1) & 1).toBe(1);
    expect(pic.pendingVector()).toBe(-1);
    expect(bus.in(0x3fa, 1) & 0x0f).toBe(0x01);
    bus.out(0x3f9, 1, 0x01);
    expect(pic.pendingVector()).toBe(36);
    expect(bus.in(0x3fa, 1) & 0x0f).toBe(0x04);
    expect(bus.in(0x3f8, 1)).toBe(0x61);
    expect(pic.pendingVector()).toBe(36);
    expect(bus.in(0x3f8, 1)).toBe(0x62);
    expect(pic.pendingVector()).toBe(-1);
    expect(bus.in(0x3fd, 1) & 1).toBe(0);
    expect(bus.in(0x3f8, 1)).toBe(0); // empty FIFO reads 0
  });

  it('raises a THR-empty interrupt when enabled and after a write, cleared by reading IIR', () => {
    const { bus, pic } = uartOnBus();
    bus.out(0x3f9, 1, 0x02);
    expect(pic.pendingVector()).toBe(36);
    expect(bus.in(0x3fa, 1) & 0x0f).toBe(0x02);
    expect(pic.pendingVector()).toBe(-1);
    expect(bus.in(0x3fa, 1) & 0x0f).toBe(0x01);
    bus.out(0x3f8, 1, 0x41);
    expect(pic.pendingVector()).toBe(36);
  });

  it('keeps LCR, MCR, scratch, and the divisor latch behind DLAB', () => {
    const { bus, out } = uartOnBus();
    bus.out(0x3fb, 1, 0x83);
    bus.out(0x3f8, 1, 0x0c);
    bus.out(0x3f9, 1, 0x00);
    expect(bus.in(0x3f8, 1)).toBe(0x0c);
    expect(out).toEqual([]); // divisor writes are not output
    bus.out(0x3fb, 1, 0x03);
    expect(bus.in(0x3fb, 1)).toBe(0x03);
    expect(bus.in(0x3f9, 1)).toBe(0);
    bus.out(0x3fc, 1, 0x0b);
    bus.out(0x3ff, 1, 0x5a);
    expect(bus.in(0x3fc, 1)).toBe(0x0b);
    expect(bus.in(0x3ff, 1)).toBe(0x5a);
  });
});

describe('power', () => {
  it('powers off with the written byte as exit code', () => {
    const bus = new PortBus();
    const codes: number[] = [];
    bus.register(POWER_PORT, 1, new PowerControl((c) => codes.push(c)));
    bus.out(0x501, 1, 0x12a);
    expect(codes).toEqual([0x2a]);
  });
});

describe('robustness', () => {
  it('survives random port traffic on every device port, sizes 1, 2 and 4', async () => {
    const { Machine } = await import('../../emulator/machine.ts');
    const { MemoryBlockStore } = await import('../../emulator/blockstore/memory.ts');
    const m = new Machine({ ramBytes: 1 << 20, bootTime: 0, disks: [new MemoryBlockStore(4), new MemoryBlockStore(2)] });
    const ports = [0x20, 0x21, 0xa1, 0x3f8, 0x3f9, 0x3fa, 0x3fb, 0x3fc, 0x3fd, 0x3fe, 0x3ff, 0x501];
    for (let p = 0x40; p < 0x4c; p++) ports.push(p);
    for (let p = 0x70; p < 0x74; p++) ports.push(p);
    for (let p = 0x1f0; p < 0x208; p++) ports.push(p);
    for (let p = 0x170; p < 0x188; p++) ports.push(p);
    let seed = 0x2545f491;
    const rand = () => { seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5; return seed >>> 0; }; // xorshift32
    const sizes = [1, 2, 4];
    let outOfRange = 0;
    for (let i = 0; i < 20000; i++) {
      const port = ports[rand() % ports.length];
      const size = sizes[rand() % 3];
      if (rand() & 0x100) m.bus.out(port, size, rand());
      else {
        const v = m.bus.in(port, size);
        if (!(v >= 0 && v < (size === 4 ? 2 ** 32 : 2 ** (8 * size)))) outOfRange++;
      }
    }
    expect(outOfRange).toBe(0);
    await m.ioSettled();
    for (const t of [m.timer, ...m.disks]) if (t.nextDeadline() !== Infinity) t.advance(t.nextDeadline());
    // Some of those writes hit the power port: the machine is off with a byte-sized code, and stays well-behaved.
    expect(m.state).toBe('off');
    expect(m.exitCode).toBeLessThan(256);
    expect(m.run(1000)).toBe('off');
  });
});
