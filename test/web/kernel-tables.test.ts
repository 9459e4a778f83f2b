// What the worker reads from the kernel's memory like a debugger (web/kernel-tables.ts
// and web/worker-inspect.ts), against tables written by hand into a machine's RAM
// at made-up symbol addresses: the process table (versions 1 to 3, the signal masks
// named as the process pane shows them), the memory
// counters, the log ring (new lines, a record still being written, a wrap, a new
// boot), torn tables refused, frame owners from struct page flags, and swapped-out
// page-table entries with their slot.
import { describe, it, expect } from 'vitest';
import { Machine } from '../../emulator/machine.ts';
import { SymbolTable } from '../../emulator/loader.ts';
import { KernelTables } from '../../web/kernel-tables.ts';
import { describeSignals, signalNames } from '../../web/panes/processes.ts';
import { Inspector } from '../../web/worker-inspect.ts';
import { FRAME_CACHE, FRAME_FREE, FRAME_KERNEL_ALLOC } from '../../web/protocol.ts';

const KERNBASE = 0xc0000000;
const PROCS = 0x10000, MEM = 0x11000, LOG_BUF = 0x12000, LOG_HEAD = 0x16000, PAGE_ARRAY_PTR = 0x16004, TOTAL_FRAMES = 0x16008, PAGES = 0x17000;
const RAM = 1 << 20;

function machineWithSymbols(): Machine {
  const m = new Machine({ ramBytes: RAM });
  const sym = (name: string, phys: number, size = 4) => ({ name, value: phys + KERNBASE, size, type: 'object' as const });
  m.symbols = new SymbolTable([
    sym('kdebug_procs', PROCS, 32 + 80 * 4), sym('kdebug_mem', MEM, 64), sym('log_buf', LOG_BUF, 16384),
    sym('log_head', LOG_HEAD), sym('page_array', PAGE_ARRAY_PTR), sym('total_frames', TOTAL_FRAMES),
  ]);
  return m;
}

function writeName(m: Machine, at: number, name: string): void {
  for (let i = 0; i < 16; i++) m.memory.write8(at + i, i < name.length ? name.charCodeAt(i) : 0);
}

function writeProcs(m: Machine, version: number, generation = 4, size = 64): void {
  const w = (a: number, v: number) => m.memory.write32(PROCS + a, v);
  w(0, 0x53504b48); w(4, version); w(8, 2); w(12, size); w(16, generation);
  const entry = (i: number, pid: number, rss: number, swap: number, name: string) => {
    const e = 32 + size * i;
    w(e, pid); w(e + 4, pid === 1 ? 0 : 1); w(e + 16, 4); w(e + 20, -5 >>> 0); w(e + 24, 0x20000 + pid * 0x1000);
    w(e + 28, rss); w(e + 32, 150); w(e + 36, 50); w(e + 44, swap);
    writeName(m, PROCS + e + 48, name);
  };
  entry(0, 1, 10, 0, 'init');
  entry(1, 7, 30, 12, 'memhog');
}

describe('kernel tables read like a debugger', () => {
  it('reads the process table, with the swap column from version 2 on', () => {
    const m = machineWithSymbols();
    writeProcs(m, 2);
    const rows = new KernelTables(m).processes()!;
    expect(rows.map((r) => [r.pid, r.ppid, r.state, r.nice, r.rssKiB, r.swapKiB, r.cpuSeconds, r.command])).toEqual([
      [1, 0, 'sleeping', -5, 40, 0, 2, 'init'],
      [7, 1, 'sleeping', -5, 120, 48, 2, 'memhog'],
    ]);
    writeProcs(m, 1);
    expect(new KernelTables(m).processes()!.map((r) => r.swapKiB)).toEqual([null, null]);
  });

  it('reads the signal masks from version 3 (80-byte entries), and names them for the pane', () => {
    const m = machineWithSymbols();
    writeProcs(m, 3, 4, 80);
    const e = PROCS + 32 + 80;   // the second entry
    m.memory.write32(e + 64, 1 << 9);                        // pending USR1
    m.memory.write32(e + 68, (1 << 1) | (1 << 2));           // blocked INT QUIT
    m.memory.write32(e + 72, (1 << 16) | (1 << 13));         // caught CHLD ALRM
    m.memory.write32(e + 76, (1 << 30) | (1 << 12));         // ignored SYS PIPE
    const rows = new KernelTables(m).processes()!;
    expect(rows.map((r) => [r.pid, r.command, r.swapKiB])).toEqual([[1, 'init', 0], [7, 'memhog', 48]]);
    expect(rows[1].signals).toEqual({ pending: 1 << 9, blocked: 6, caught: (1 << 16) | (1 << 13), ignored: ((1 << 30) | (1 << 12)) >>> 0 });
    expect(describeSignals(7, 'memhog', rows[1].signals)).toBe(
      'pid 7 (memhog) signals — pending: USR1; blocked: INT QUIT; caught: ALRM CHLD; ignored: PIPE SYS');
    expect(signalNames(0)).toBe('none');
    writeProcs(m, 2);
    expect(new KernelTables(m).processes()!.map((r) => r.signals)).toEqual([null, null]);
  });

  it('refuses a table being rewritten (odd generation), a wrong magic and a missing symbol', () => {
    const m = machineWithSymbols();
    writeProcs(m, 2, 5);
    expect(new KernelTables(m).processes()).toBeNull();
    writeProcs(m, 2, 6);
    m.memory.write32(PROCS, 0x12345678);
    expect(new KernelTables(m).processes()).toBeNull();
    const bare = new Machine({ ramBytes: RAM });
    const t = new KernelTables(bare);
    expect([t.processes(), t.memory(), t.log(0), t.pageFlags()]).toEqual([null, null, null, null]);
  });

  it('reads the memory counters', () => {
    const m = machineWithSymbols();
    const values = [0x4d4d4b48, 1, 64, 2, 256, 100, 20, 512, 500, 1234, 3, 4, 5, 1, 777, 36];
    values.forEach((v, i) => m.memory.write32(MEM + 4 * i, v));
    expect(new KernelTables(m).memory()).toEqual({
      totalFrames: 256, freeFrames: 100, cachedPages: 20, swapTotalPages: 512, swapFreePages: 500,
      pgfault: 1234, pgmajfault: 3, pswpin: 4, pswpout: 5, oomKill: 1, contextSwitches: 777,
    });
    m.memory.write32(MEM + 12, 3);
    expect(new KernelTables(m).memory()).toBeNull();
  });

  it('returns whole new log lines, keeps a record still being written for later, and starts over after a reboot', () => {
    const m = machineWithSymbols();
    let head = 0;
    const printk = (text: string) => {
      for (const ch of new TextEncoder().encode(text)) { m.memory.write8(LOG_BUF + (head % 16384), ch); head++; }
      m.memory.write32(LOG_HEAD, head);
    };
    const t = new KernelTables(m);
    printk('<6>[    0.000100] Memory: 1024K/1024K available\n<5>[    0.2] doorb');
    const first = t.log(0)!;
    expect(first.lines).toEqual(['<6>[    0.000100] Memory: 1024K/1024K available']);
    expect(first.lost).toBe(false);
    printk('ell: signal 9 to pid 7: sent\n');
    const second = t.log(first.next)!;
    expect(second.lines).toEqual(['<5>[    0.2] doorbell: signal 9 to pid 7: sent']);
    expect(t.log(second.next)!.lines).toEqual([]);
    // A reader far behind: the ring overwrote what it had not read; it resumes at a whole line.
    for (let i = 0; i < 1000; i++) printk(`<6>[    1.000000] line ${String(i).padStart(4, '0')}\n`);
    const behind = t.log(second.next)!;
    expect(behind.lost).toBe(true);
    expect(behind.lines.at(-1)).toBe('<6>[    1.000000] line 0999');
    expect(behind.lines[0]).toMatch(/^<6>\[    1\.000000\] line \d{4}$/);
    // A new boot: the head is below where the reader was, so it reads from the start.
    head = 0;
    printk('<6>[    0.000001] Hako kernel\n');
    expect(t.log(behind.next)!.lines).toEqual(['<6>[    0.000001] Hako kernel']);
  });
});

describe('the inspector with the kernel tables', () => {
  it('colours page-cache frames and multi-frame kernel allocations from struct page flags, and ignores stale flags inside free blocks', () => {
    const m = machineWithSymbols();
    m.memory.write32(PAGE_ARRAY_PTR, PAGES + KERNBASE);
    m.memory.write32(TOTAL_FRAMES, RAM / 4096);
    // kdebug_mem says how big a struct page is (36 here: the stride must come from the kernel, not be assumed).
    const STRIDE = 36;
    [0x4d4d4b48, 1, 64, 2].forEach((v, i) => m.memory.write32(MEM + 4 * i, v));
    m.memory.write32(MEM + 60, STRIDE);
    const page = (frame: number, flags: number, priv = 0) => { m.memory.write32(PAGES + frame * STRIDE, flags); m.memory.write32(PAGES + frame * STRIDE + 12, priv); };
    page(200, 0x20);            // PG_CACHE
    page(210, 0x04 | 0x400, 2); // PG_KERNEL | PG_HEAD, order 2: four frames
    page(220, 0x40);            // PG_SLAB
    page(230, 0x10);            // PG_ANON: not the kernel's, and no process maps it here
    page(240, 0x02, 3);         // PG_FREE, order 3: eight free frames whose own flags are stale
    page(241, 0x20);
    page(245, 0x40);
    page(248, 0x20);            // the next frame after that block: page cache again
    page(250, 0x40 | 0x400, 5); // a two-frame slab's head: PG_SLAB | PG_HEAD, private = 5 objects in use (not an order)
    page(251, 0x40);
    page(252, 0x20);            // right after the slab: must be read, not skipped as if the slab were 2^5 frames
    const inspector = new Inspector();
    inspector.attach(m);
    const owners = inspector.frameMap().owners;
    expect(owners[200]).toBe(FRAME_CACHE);
    expect([...owners.subarray(210, 215)]).toEqual([FRAME_KERNEL_ALLOC, FRAME_KERNEL_ALLOC, FRAME_KERNEL_ALLOC, FRAME_KERNEL_ALLOC, FRAME_FREE]);
    expect(owners[220]).toBe(FRAME_KERNEL_ALLOC);
    expect(owners[230]).toBe(FRAME_FREE);
    expect([...owners.subarray(240, 249)]).toEqual([0, 0, 0, 0, 0, 0, 0, 0, FRAME_CACHE].map((o) => o || FRAME_FREE));
    expect([...owners.subarray(250, 254)]).toEqual([FRAME_KERNEL_ALLOC, FRAME_KERNEL_ALLOC, FRAME_CACHE, FRAME_FREE]);
    // Without the size from the kernel, the descriptors are not read at all.
    m.memory.write32(MEM + 60, 0);
    expect(inspector.frameMap().owners[200]).toBe(FRAME_FREE);
  });

  it('shows a swapped-out entry with its slot and other not-present entries without one', () => {
    const m = new Machine({ ramBytes: RAM });
    const dir = 0x20000, table = 0x21000;
    m.memory.write32(dir + 32 * 4, table | 7);               // PDE 32: 0x08000000
    m.memory.write32(table + 0x48 * 4, 0x30000 | 7);          // present page at 0x08048000
    m.memory.write32(table + 0x50 * 4, (5 << 12) | 0x400);    // swap slot 5 at 0x08050000
    m.memory.write32(table + 0x51 * 4, 0x5000);               // some other not-present marker
    const inspector = new Inspector();
    inspector.attach(m);
    const leaves = inspector.pageTables(dir, 64).directories[0].leaves;
    expect(leaves.map((l) => [l.start.toString(16), l.present, l.swapSlot])).toEqual([
      ['8048000', true, null], ['8050000', false, 5], ['8051000', false, null],
    ]);
  });
});
