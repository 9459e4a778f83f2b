// What the worker reads from the kernel's own memory, the way a debugger
// with the kernel's symbols would: the process table `kdebug_procs`, the
// memory counters `kdebug_mem`, the log ring `log_buf`/`log_head` and the
// frame descriptors `page_array` (layouts in docs/kernel.md, "Debugger
// process table", and kernel/include/mm.h). The kernel is never asked
// anything and nothing here writes guest memory.
//
// Invariants: every read is bounds-checked against RAM and returns null (or
// an empty result) when a symbol is missing, the magic is wrong or the
// table was being rewritten twice in a row (odd or changed generation), so
// the demo or a half-booted kernel never makes the worker throw. Symbol
// addresses are looked up once per machine.

import type { Machine } from '../emulator/machine.ts';
import type { KernelLogChunk, MemoryStats, ProcessInfo } from './protocol.ts';

const KERNEL_BASE = 0xc0000000;
const PROCS_MAGIC = 0x53504b48;   // 'HKPS'
const PROCS_HEADER = 32;
const PROCS_MIN_ENTRY = 64;
const PROCS_ENTRY_WITH_SIGNALS = 80;   // version 3: four signal masks at +64
const MEM_MAGIC = 0x4d4d4b48;     // 'HKMM'
const MEM_MIN_SIZE = 60;
/** A kdebug_mem this long also publishes sizeof(struct page), in its last word. */
const MEM_WITH_PAGE_SIZE = 64;
const LOG_RING_BYTES = 16384;
/** The kernel's timer interrupts per second (HZ): the unit of the table's CPU times. */
const KERNEL_HZ = 100;
const STATE_NAMES: Record<number, string> = { 2: 'running', 3: 'runnable', 4: 'sleeping', 5: 'stopped', 6: 'zombie' };

/** struct page flags (kernel/include/mm.h). */
export const PG_FREE = 0x0002;
export const PG_KERNEL = 0x0004;
export const PG_PAGETABLE = 0x0008;
export const PG_ANON = 0x0010;
export const PG_CACHE = 0x0020;
export const PG_SLAB = 0x0040;
export const PG_HEAD = 0x0400;

/**
 * How many frames the descriptor `flags` (as pageFlags gives them) speaks for:
 * 2^order at the head of a free buddy block or of a multi-frame allocation
 * (kmalloc large), 1 otherwise. A multi-frame slab's head has PG_HEAD too, but
 * its `private` counts the objects in use, not an order, and each of its frames
 * carries PG_SLAB itself (kernel/include/mm.h), so it speaks for one frame.
 */
export function blockFrames(flags: number): number {
  const order = Math.min(10, (flags >>> 16) & 0xff);
  return flags & PG_FREE || (flags & PG_HEAD && !(flags & PG_SLAB)) ? 1 << order : 1;
}

export class KernelTables {
  private readonly addresses = new Map<string, number | null>();

  constructor(private readonly m: Machine) {}

  /** Physical address of a kernel symbol, or null when the image has none (the demo). */
  private physical(name: string): number | null {
    let a = this.addresses.get(name);
    if (a === undefined) {
      const sym = this.m.symbols.byName(name);
      a = sym && sym.value >= KERNEL_BASE ? (sym.value - KERNEL_BASE) >>> 0 : null;
      this.addresses.set(name, a);
    }
    return a;
  }

  /** Reads a table whose generation sits at `generationAt`, retrying once if the kernel was rewriting it. */
  private consistent<T>(base: number, generationAt: number, read: () => T): T | null {
    const mem = this.m.memory;
    for (let attempt = 0; attempt < 2; attempt++) {
      const generation = mem.read32(base + generationAt);
      const value = read();
      if (generation % 2 === 0 && mem.read32(base + generationAt) === generation) return value;
    }
    return null;
  }

  processes(): ProcessInfo[] | null {
    const base = this.physical('kdebug_procs');
    const mem = this.m.memory;
    if (base === null || base + PROCS_HEADER > mem.size || mem.read32(base) >>> 0 !== PROCS_MAGIC) return null;
    const version = mem.read32(base + 4);
    const entrySize = mem.read32(base + 12);
    if (entrySize < PROCS_MIN_ENTRY) return null;
    return this.consistent(base, 16, () => {
      const count = Math.min(mem.read32(base + 8), 1024);
      const rows: ProcessInfo[] = [];
      for (let i = 0; i < count; i++) {
        const e = base + PROCS_HEADER + i * entrySize;
        if (e + entrySize > mem.size) break;
        let command = '';
        for (let k = 0; k < 16; k++) { const c = mem.read8(e + 48 + k); if (!c) break; command += String.fromCharCode(c); }
        const state = mem.read32(e + 16);
        rows.push({
          pid: mem.read32(e), ppid: mem.read32(e + 4), state: STATE_NAMES[state] ?? `state ${state}`, nice: mem.read32(e + 20) | 0,
          cr3: mem.read32(e + 24) >>> 0, rssKiB: mem.read32(e + 28) * 4,
          swapKiB: version >= 2 ? mem.read32(e + 44) * 4 : null,
          cpuSeconds: (mem.read32(e + 32) + mem.read32(e + 36)) / KERNEL_HZ, command,
          signals: version >= 3 && entrySize >= PROCS_ENTRY_WITH_SIGNALS
            ? { pending: mem.read32(e + 64) >>> 0, blocked: mem.read32(e + 68) >>> 0, caught: mem.read32(e + 72) >>> 0, ignored: mem.read32(e + 76) >>> 0 }
            : null,
        });
      }
      return rows;
    });
  }

  /** Physical address of `kdebug_mem` when it is there, has the magic and publishes at least `minSize` bytes; else null. */
  private memTable(minSize: number): number | null {
    const base = this.physical('kdebug_mem');
    const mem = this.m.memory;
    if (base === null || base + minSize > mem.size || mem.read32(base) >>> 0 !== MEM_MAGIC) return null;
    return mem.read32(base + 8) >= minSize ? base : null;
  }

  /** sizeof(struct page) as the kernel publishes it in kdebug_mem (0: unknown). */
  private pageStructSize(): number {
    const base = this.memTable(MEM_WITH_PAGE_SIZE);
    return base === null ? 0 : this.m.memory.read32(base + MEM_WITH_PAGE_SIZE - 4) >>> 0;
  }

  memory(): MemoryStats | null {
    const base = this.memTable(MEM_MIN_SIZE);
    const mem = this.m.memory;
    if (base === null) return null;
    return this.consistent(base, 12, () => {
      const u = (offset: number) => mem.read32(base + offset) >>> 0;
      return {
        totalFrames: u(16), freeFrames: u(20), cachedPages: u(24), swapTotalPages: u(28), swapFreePages: u(32),
        pgfault: u(36), pgmajfault: u(40), pswpin: u(44), pswpout: u(48), oomKill: u(52), contextSwitches: u(56),
      };
    });
  }

  /**
   * Whole log lines written since byte `since` of the log (log_head counts
   * every byte ever written). A reader that fell behind by more than the
   * ring gets what is left, from the first whole line, with `lost` set.
   */
  log(since: number): KernelLogChunk | null {
    const buf = this.physical('log_buf');
    const headAt = this.physical('log_head');
    const mem = this.m.memory;
    if (buf === null || headAt === null || buf + LOG_RING_BYTES > mem.size || headAt + 4 > mem.size) return null;
    const head = mem.read32(headAt) >>> 0;
    let from = since > head ? 0 : Math.max(0, since); // beyond the head: a new boot, start over
    let lost = false;
    if (head - from > LOG_RING_BYTES) { from = head - LOG_RING_BYTES; lost = true; }
    const bytes: number[] = [];
    for (let i = from; i < head; i++) bytes.push(mem.read8(buf + (i % LOG_RING_BYTES)));
    let start = 0;
    if (lost) { const nl = bytes.indexOf(10); start = nl < 0 ? bytes.length : nl + 1; }
    // A record still being written (the run slice ended inside printk) waits for its newline.
    const end = bytes.lastIndexOf(10) + 1;
    if (end <= start) return { next: lost ? from + start : from, lines: [], lost };
    const text = new TextDecoder().decode(new Uint8Array(bytes.slice(start, end)));
    return { next: from + end, lines: text.split('\n').slice(0, -1), lost };
  }

  /**
   * Every frame's struct page flags (low 16 bits) and `private` (bits 16–23:
   * the buddy order of a PG_HEAD block), or null when the kernel has no
   * frame descriptors yet.
   */
  pageFlags(): Uint32Array | null {
    const arrayAt = this.physical('page_array');
    const countAt = this.physical('total_frames');
    const mem = this.m.memory;
    if (arrayAt === null || countAt === null || arrayAt + 4 > mem.size) return null;
    const virt = mem.read32(arrayAt) >>> 0;
    const count = mem.read32(countAt) >>> 0;
    const stride = this.pageStructSize();
    if (virt < KERNEL_BASE || count === 0 || count > mem.size / 4096 || stride < 16 || stride > 256) return null;
    const phys = virt - KERNEL_BASE;
    if (phys + count * stride > mem.size) return null;
    const flags = new Uint32Array(count);
    for (let f = 0; f < count; f++) {
      const at = phys + f * stride;
      flags[f] = ((mem.read32(at) & 0xffff) | ((mem.read32(at + 12) & 0xff) << 16)) >>> 0;
    }
    return flags;
  }
}
