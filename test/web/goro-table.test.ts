// The G/M/P pane's reader (web/goro-table.ts) against a goroutine runtime's
// table written by hand into a process's memory: page tables built here map
// the locator page, the goro_debug table, two Ps, three Ms, Gs and a G's
// stack (some pages present, some not) at the offsets docs/abi.md gives. It
// reads Ps with their queues, runnext and M; Ms running, idle and in a
// system call; Gs by state with their resident stack pages and bytes in
// use; the counters; and refuses a process without the runtime, a wrong
// magic, a garbled table, an absent locator page, and loops in the chains
// without hanging. Through the Inspector, the process is found by pid in
// the kernel's table (test/web/fake-kernel.ts), and the lessons' goro probe
// answers from the same read.
import { describe, it, expect } from 'vitest';
import { Machine } from '../../emulator/machine.ts';
import { GORO_DEBUG_MAGIC, GORO_LAYOUT, GORO_LOCATOR_ADDR, GORO_LOCATOR_MAGIC, MAX_GS, NO_RUNTIME, readGoroRuntime } from '../../web/goro-table.ts';
import { Inspector } from '../../web/worker-inspect.ts';
import { MachineView } from '../../lessons/engine/probes.ts';
import { FakeKernel } from './fake-kernel.ts';

const P = 1, RW = 2, US = 4;
const T = GORO_LAYOUT.table, PL = GORO_LAYOUT.p, G = GORO_LAYOUT.g, M = GORO_LAYOUT.m;

/** A user address space in `m`'s RAM: a page directory and frames handed out from `firstFrame` up. */
class FakeProcess {
  readonly cr3: number;
  private next: number;
  constructor(readonly m: Machine, firstFrame: number) {
    this.next = firstFrame;
    this.cr3 = this.frame();
  }

  private frame(): number {
    const f = this.next;
    this.next += 4096;
    for (let i = 0; i < 4096; i += 4) this.m.memory.write32(f + i, 0);
    return f;
  }

  /** Maps the page of `virt` (user, writable) to a fresh frame; returns its physical address. */
  map(virt: number): number {
    const pdeAt = this.cr3 + (virt >>> 22) * 4;
    let pde = this.m.memory.read32(pdeAt);
    if (!(pde & P)) { pde = this.frame() | P | RW | US; this.m.memory.write32(pdeAt, pde); }
    const pteAt = ((pde & 0xfffff000) >>> 0) + ((virt >>> 12) & 0x3ff) * 4;
    const frame = this.frame();
    this.m.memory.write32(pteAt, frame | P | RW | US);
    return frame;
  }

  private phys(virt: number): number {
    const pde = this.m.memory.read32(this.cr3 + (virt >>> 22) * 4);
    const pte = this.m.memory.read32(((pde & 0xfffff000) >>> 0) + ((virt >>> 12) & 0x3ff) * 4);
    if (!(pde & P) || !(pte & P)) throw new Error(`test bug: 0x${virt.toString(16)} is not mapped`);
    return ((pte & 0xfffff000) | (virt & 0xfff)) >>> 0;
  }

  word(virt: number, value: number): void { this.m.memory.write32(this.phys(virt), value >>> 0); }
}

const TABLE = 0x0804c000, STATS = 0x0804c100, HEADS = 0x0804c200; // +0 global runq, +4 idle_m, +8 allm, +12 allg
const PROCS = 0x40000000, MS = 0x40002000, GS = 0x40003000, STACKS = 0x40010000;
const STACK = 98304;
const gAt = (i: number) => GS + i * 64;
const mAt = (i: number) => MS + i * 80;

/** A runtime with GOMAXPROCS=2: P0 running on M0 (G1 running, runq 2, runnext G3), P1 left with M1 in a
 * system call (G2), M2 idle; G4 waiting, G5 dead; a global queue of 1; G1's stack has 3 of its 24 pages. */
function runtime(proc: FakeProcess): void {
  const w = (a: number, v: number) => proc.word(a, v);
  for (const page of [GORO_LOCATOR_ADDR, TABLE, PROCS, PROCS + 4096, MS, GS]) proc.map(page);
  w(GORO_LOCATOR_ADDR, GORO_LOCATOR_MAGIC);
  w(GORO_LOCATOR_ADDR + 4, TABLE);
  w(TABLE + T.magic, GORO_DEBUG_MAGIC);
  w(TABLE + T.gomaxprocs, 2);
  w(TABLE + T.procs, PROCS);
  w(TABLE + T.sizeofP, PL.size);
  w(TABLE + T.allg, HEADS + 12);
  w(TABLE + T.stats, STATS);
  w(TABLE + T.globalRunq, HEADS);
  w(TABLE + T.idleM, HEADS + 4);
  w(TABLE + T.allm, HEADS + 8);
  w(TABLE + T.stackSize, STACK);
  w(TABLE + T.guardSize, 4096);
  GORO_LAYOUT.stats.forEach((_, i) => w(STATS + i * 4, 100 + i));
  w(HEADS, 1);
  w(HEADS + 4, mAt(2));
  w(HEADS + 8, mAt(0));
  w(HEADS + 12, gAt(0));
  // Ps
  const p0 = PROCS, p1 = PROCS + PL.size;
  w(p0 + PL.id, 0); w(p0 + PL.runnext, gAt(2)); w(p0 + PL.head, 7); w(p0 + PL.tail, 9); w(p0 + PL.status, 1); w(p0 + PL.m, mAt(0));
  w(p1 + PL.id, 1); w(p1 + PL.runnext, 0); w(p1 + PL.head, 300); w(p1 + PL.tail, 300); w(p1 + PL.status, 2); w(p1 + PL.m, mAt(1));
  // Ms: M0 runs G1 on P0, M1 is in a system call with G2 holding P1, M2 idle
  const ms = [{ curg: gAt(0), p: p0, sys: 0 }, { curg: gAt(1), p: p1, sys: 1 }, { curg: 0, p: p1 /* stale */, sys: 0 }];
  ms.forEach((x, i) => {
    w(mAt(i) + M.id, i); w(mAt(i) + M.tid, 40 + i); w(mAt(i) + M.curg, x.curg); w(mAt(i) + M.p, x.p); w(mAt(i) + M.insyscall, x.sys);
    w(mAt(i) + M.alllink, i < 2 ? mAt(i + 1) : 0); w(mAt(i) + M.link, 0);
  });
  // Gs: id i+1; statuses running, syscall, runnable, waiting, dead
  [1, 4, 0, 2, 3].forEach((status, i) => {
    w(gAt(i) + G.id, i + 1); w(gAt(i) + G.status, status); w(gAt(i) + G.alllink, i < 4 ? gAt(i + 1) : 0);
    w(gAt(i) + G.stack, STACKS + i * (STACK + 4096)); w(gAt(i) + G.esp, STACKS + i * (STACK + 4096) + STACK - 200);
  });
  for (const k of [23, 22, 21]) proc.map(STACKS + k * 4096); // G1's top three pages
  proc.map(STACKS + (STACK + 4096) + 23 * 4096); // G2's top page
}

describe('the G/M/P pane reads a process\'s goroutine runtime through its page tables', () => {
  it('reads Ps, Ms, Gs by state with their stacks, the global queue and the counters', () => {
    const m = new Machine({ ramBytes: 1 << 20 });
    const proc = new FakeProcess(m, 0x20000);
    runtime(proc);
    const v = readGoroRuntime(m, 9, proc.cr3);
    expect(v.ok, v.reason).toBe(true);
    expect(v.gomaxprocs).toBe(2);
    expect(v.ps).toEqual([
      { id: 0, status: 'running', runq: 2, runnext: 3, m: 0 },
      { id: 1, status: 'syscall', runq: 0, runnext: null, m: 1 },
    ]);
    expect(v.ms).toEqual([
      { id: 0, tid: 40, state: 'running', g: 1, p: 0 },
      { id: 1, tid: 41, state: 'syscall', g: 2, p: 1 },
      { id: 2, tid: 42, state: 'idle', g: null, p: null }, // its stale P pointer is not believed: P1 says M1
    ]);
    expect(v.gCounts).toEqual({ running: 1, syscall: 1, runnable: 1, waiting: 1, dead: 1, unknown: 0 });
    expect(v.gs).toEqual([
      { id: 1, state: 'running', residentPages: 3, inUseBytes: 0 },
      { id: 2, state: 'syscall', residentPages: 1, inUseBytes: 200 },
      { id: 3, state: 'runnable', residentPages: 0, inUseBytes: 200 },
      { id: 4, state: 'waiting', residentPages: 0, inUseBytes: 200 },
    ]);
    expect(v.globalRunq).toBe(1);
    expect(v.stats).toMatchObject({ gomaxprocs: 100, threads: 101, steals: 104, handoffs: 105, preemptions: 106, switches: 108, syscalls: 109 });
    expect(v.stackSize).toBe(STACK);
  });

  it('says "no Go-style runtime" for a process without one, a wrong magic, or an unmapped locator, and refuses a garbled table', () => {
    const m = new Machine({ ramBytes: 1 << 20 });
    const proc = new FakeProcess(m, 0x20000);
    expect(readGoroRuntime(m, 9, proc.cr3)).toEqual({ pid: 9, ok: false, reason: NO_RUNTIME });
    runtime(proc);
    proc.word(GORO_LOCATOR_ADDR, 0x12345678);
    expect(readGoroRuntime(m, 9, proc.cr3).reason).toBe(NO_RUNTIME);
    proc.word(GORO_LOCATOR_ADDR, GORO_LOCATOR_MAGIC);
    proc.word(TABLE + T.magic, 0);
    expect(readGoroRuntime(m, 9, proc.cr3).reason).toBe(NO_RUNTIME);
    proc.word(TABLE + T.magic, GORO_DEBUG_MAGIC);
    proc.word(GORO_LOCATOR_ADDR + 4, 0xbffffffc); // the table pointer leads nowhere mapped
    expect(readGoroRuntime(m, 9, proc.cr3).reason).toBe(NO_RUNTIME);
    proc.word(GORO_LOCATOR_ADDR + 4, TABLE);
    proc.word(TABLE + T.gomaxprocs, 100000);
    expect(readGoroRuntime(m, 9, proc.cr3).reason).toMatch(/not one this page can read/);
    proc.word(TABLE + T.gomaxprocs, 2);
    proc.word(TABLE + T.procs, 0x70000000); // Ps in unmapped memory
    expect(readGoroRuntime(m, 9, proc.cr3).reason).toMatch(/not one this page can read/);
    expect(readGoroRuntime(m, 1, 0).reason).toMatch(/kernel thread/);
    expect(readGoroRuntime(m, 1, 0xfff000).reason).toMatch(/outside RAM/);
  });

  it('walks looping chains a bounded number of times', () => {
    const m = new Machine({ ramBytes: 1 << 20 });
    const proc = new FakeProcess(m, 0x20000);
    runtime(proc);
    proc.word(gAt(4) + G.alllink, gAt(0)); // the all-Gs chain loops
    proc.word(mAt(2) + M.alllink, mAt(0)); // and so does allm
    proc.word(mAt(2) + M.link, mAt(2));    // and the idle list
    const v = readGoroRuntime(m, 9, proc.cr3);
    expect(v.ok).toBe(true);
    expect(v.gsTruncated).toBe(true);
    const total = Object.values(v.gCounts!).reduce((a, b) => a + b, 0);
    expect(total).toBe(MAX_GS);
    expect(v.ms!.length).toBe(256);
  });

  it('finds the process by pid in the kernel\'s table (Inspector.goroutines)', () => {
    const k = new FakeKernel();
    const proc = new FakeProcess(k.m, 0x80000);
    runtime(proc);
    k.procs([{ pid: 1, ppid: 0, cr3: 0x7f000, name: 'init' }, { pid: 12, ppid: 1, cr3: proc.cr3, name: 'goroutines' }]);
    const insp = new Inspector();
    insp.attach(k.m);
    expect(insp.goroutines(12).ok).toBe(true);
    expect(insp.goroutines(12).ps!.map((p) => p.runq)).toEqual([2, 0]);
    expect(insp.goroutines(1).reason).toBe(NO_RUNTIME); // init's directory is empty
    expect(insp.goroutines(99).reason).toMatch(/not in the kernel's table/);
  });

  it('answers the lessons\' goro(PID, WHAT) probe from the same read', () => {
    const k = new FakeKernel();
    const proc = new FakeProcess(k.m, 0x80000);
    runtime(proc);
    k.procs([{ pid: 1, ppid: 0, cr3: 0x7f000, name: 'init' }, { pid: 12, ppid: 1, cr3: proc.cr3, name: 'goroutines' }]);
    const goro = new MachineView(k.m).functions().goro;
    expect([goro(12, 'gomaxprocs'), goro(12, 'waiting'), goro(12, 'syscall'), goro(12, 'ms'), goro(12, 'ms_syscall'), goro(12, 'ms_idle')]).toEqual([2, 1, 1, 3, 1, 1]);
    expect([goro(12, 'runq'), goro(12, 'global_runq'), goro(12, 'stack_pages'), goro(12, 'handoffs'), goro(12, 'steals')]).toEqual([3, 1, 4, 105, 104]);
    expect([goro(12, 'nonsense'), goro(1, 'waiting'), goro(99, 'waiting')]).toEqual([null, null, null]);
  });
});
