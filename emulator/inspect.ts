// The inspection API: what the debug pane and the tests may look at, as
// plain serialisable objects (they cross a Worker boundary via comlink).
//
// Everything here only reads: page walks read the tables straight from
// physical memory without setting A/D bits or touching the TLB, so looking
// never changes what the guest sees. It owns no state of its own.
//
// Flags in a mapping are effective ones: RW and US are the AND of the PDE and
// PTE (what a ring-3 or write access would be allowed), A, D and G are the
// leaf entry's own bits, PS marks a 4 MiB page. Neighbouring pages with
// consecutive frames and equal flags are merged into one mapping (the kernel's
// direct map would otherwise be hundreds of thousands of lines). A
// not-present entry with nonzero bits (a swap entry, say) is listed with its
// raw value, one per entry, and all its flags false (its other bits are
// the kernel's to define).

import type { Machine, MachineState } from './machine.ts';
import type { PhysicalMemory } from './memory.ts';
import { disassemble as disassembleOne } from './disasm.ts';
import { TLB_G, TLB_KR, TLB_KW, TLB_UR, TLB_UW } from './mmu.ts';
import { REGISTERS } from '../isa/table.ts';
import type { PicSnapshot } from './devices/pic.ts';
import type { TimerSnapshot } from './devices/timer.ts';
import type { UartSnapshot } from './devices/uart.ts';
import type { BlockDeviceSnapshot } from './devices/block.ts';
import type { ConsoleSizeSnapshot } from './devices/console-size.ts';
import type { DoorbellSnapshot } from './devices/doorbell.ts';

const P = 1, RW = 2, US = 4, A = 0x20, D = 0x40, PS = 0x80, G = 0x100;
const CR0_PG = 0x80000000;

export interface DecodedFlags { CF: boolean; PF: boolean; ZF: boolean; SF: boolean; IF: boolean; DF: boolean; OF: boolean }

export interface RegisterSnapshot {
  eax: number; ecx: number; edx: number; ebx: number; esp: number; ebp: number; esi: number; edi: number;
  eip: number; eflags: number; flags: DecodedFlags; ring: number;
  cr0: number; cr2: number; cr3: number; vtb: number; ksp: number; tp: number; paging: boolean;
  /** eip as `symbol+off` when the kernel's symbols know it. */
  eipSymbol?: string;
}

export function registers(m: Machine): RegisterSnapshot {
  const c = m.cpu;
  const r = (i: number) => c.reg[i] >>> 0;
  const f = c.eflags >>> 0;
  const snapshot: RegisterSnapshot = {
    eax: r(0), ecx: r(1), edx: r(2), ebx: r(3), esp: r(4), ebp: r(5), esi: r(6), edi: r(7),
    eip: c.eip >>> 0, eflags: f,
    flags: {
      CF: (f & 1) !== 0, PF: (f & 4) !== 0, ZF: (f & 0x40) !== 0, SF: (f & 0x80) !== 0,
      IF: (f & 0x200) !== 0, DF: (f & 0x400) !== 0, OF: (f & 0x800) !== 0,
    },
    ring: c.cpl, cr0: c.cr0 >>> 0, cr2: c.cr2 >>> 0, cr3: c.cr3 >>> 0, vtb: c.vtb >>> 0, ksp: c.ksp >>> 0, tp: c.tp >>> 0,
    paging: (c.cr0 & CR0_PG) !== 0,
  };
  const sym = m.symbolize(snapshot.eip);
  if (sym) snapshot.eipSymbol = sym;
  return snapshot;
}

/** Register names in encoding order, for displays. */
export const REGISTER_NAMES: readonly string[] = REGISTERS;

/** `length` bytes of physical memory from `address` (bytes outside RAM read as 0xff, the floating bus). */
export function readPhysical(m: Machine, address: number, length: number): Uint8Array {
  const mem = m.memory;
  const out = new Uint8Array(Math.max(0, Math.min(length, 1 << 24)));
  const start = address >>> 0;
  if (start + out.length <= mem.size) out.set(mem.bytes.subarray(start, start + out.length));
  else for (let i = 0; i < out.length; i++) out[i] = mem.read8(start + i);
  return out;
}

export interface Translation {
  linear: number;
  /** The physical address, or -1 when not mapped. */
  physical: number;
  /** Raw page-directory entry. */
  pde: number;
  /** Raw page-table entry (-1 for a 4 MiB page or when the PDE is not present). */
  pte: number;
  writable: boolean;
  user: boolean;
  large: boolean;
}

/** Translate a linear address under `cr3` (default: the CPU's, or identity when paging is off). No side effects. */
export function translate(m: Machine, linear: number, cr3?: number): Translation {
  linear >>>= 0;
  if (cr3 === undefined && (m.cpu.cr0 & CR0_PG) === 0) {
    return { linear, physical: linear, pde: -1, pte: -1, writable: true, user: true, large: false };
  }
  return walkOne(m.memory, linear, cr3 ?? m.cpu.cr3);
}

export function walkOne(mem: PhysicalMemory, linear: number, cr3: number): Translation {
  linear >>>= 0;
  const pde = mem.read32(((cr3 & 0xfffff000) + ((linear >>> 22) << 2)) >>> 0);
  const miss = { linear, physical: -1, pde, pte: -1, writable: false, user: false, large: false };
  if ((pde & P) === 0) return miss;
  if (pde & PS) {
    return {
      linear, physical: ((pde & 0xffc00000) | (linear & 0x3fffff)) >>> 0, pde, pte: -1,
      writable: (pde & RW) !== 0, user: (pde & US) !== 0, large: true,
    };
  }
  const pte = mem.read32((((pde & 0xfffff000) >>> 0) + (((linear >>> 12) & 0x3ff) << 2)) >>> 0);
  if ((pte & P) === 0) return { ...miss, pte };
  return {
    linear, physical: ((pte & 0xfffff000) | (linear & 0xfff)) >>> 0, pde, pte,
    writable: (pde & pte & RW) !== 0, user: (pde & pte & US) !== 0, large: false,
  };
}

export interface PageFlags { P: boolean; RW: boolean; US: boolean; A: boolean; D: boolean; G: boolean; PS: boolean }

export interface Mapping {
  /** First linear address. */
  start: number;
  /** Bytes covered. */
  size: number;
  /** Physical address of the first byte (-1 for not-present entries). */
  frame: number;
  flags: PageFlags;
  present: boolean;
  /** For a not-present entry: its raw value (e.g. a swap entry); for a present one, the leaf entry of the first page. */
  entry: number;
  level: 'pde' | 'pte';
}

export interface WalkOptions {
  /** Stop after this many mappings (default 65536); `truncated` says so. */
  maxMappings?: number;
}

export interface PageWalk { cr3: number; mappings: Mapping[]; truncated: boolean }

/** Every mapping of the address space whose page directory is at `cr3`. No side effects. */
export function walkPageTables(mem: PhysicalMemory, cr3: number, options: WalkOptions = {}): PageWalk {
  const max = options.maxMappings ?? 65536;
  const mappings: Mapping[] = [];
  const dir = (cr3 & 0xfffff000) >>> 0;
  let last: Mapping | null = null;
  const push = (m: Mapping): boolean => {
    if (last && last.present && m.present && last.level === m.level && last.start + last.size === m.start
      && last.frame + last.size === m.frame && sameFlags(last.flags, m.flags)) {
      last.size += m.size;
      return true;
    }
    if (mappings.length >= max) return false;
    mappings.push(m);
    last = m;
    return true;
  };
  for (let i = 0; i < 1024; i++) {
    const pde = mem.read32(dir + i * 4);
    const base = (i << 22) >>> 0;
    if ((pde & P) === 0) {
      if (pde !== 0 && !push(notPresent(base, 1 << 22, pde, 'pde'))) return { cr3, mappings, truncated: true };
      if (pde !== 0) last = null;
      continue;
    }
    if (pde & PS) {
      const m: Mapping = {
        start: base, size: 1 << 22, frame: (pde & 0xffc00000) >>> 0, present: true, entry: pde >>> 0, level: 'pde',
        flags: { P: true, RW: (pde & RW) !== 0, US: (pde & US) !== 0, A: (pde & A) !== 0, D: (pde & D) !== 0, G: (pde & G) !== 0, PS: true },
      };
      if (!push(m)) return { cr3, mappings, truncated: true };
      continue;
    }
    const table = (pde & 0xfffff000) >>> 0;
    for (let j = 0; j < 1024; j++) {
      const pte = mem.read32(table + j * 4);
      if (pte === 0) { last = null; continue; }
      const start = (base + (j << 12)) >>> 0;
      let m: Mapping;
      if ((pte & P) === 0) {
        m = notPresent(start, 4096, pte, 'pte');
      } else {
        m = {
          start, size: 4096, frame: (pte & 0xfffff000) >>> 0, present: true, entry: pte >>> 0, level: 'pte',
          flags: {
            P: true, RW: (pde & pte & RW) !== 0, US: (pde & pte & US) !== 0,
            A: (pte & A) !== 0, D: (pte & D) !== 0, G: (pte & G) !== 0, PS: false,
          },
        };
      }
      if (!push(m)) return { cr3, mappings, truncated: true };
      if (!m.present) last = null;
    }
  }
  return { cr3, mappings, truncated: false };
}

function notPresent(start: number, size: number, entry: number, level: 'pde' | 'pte'): Mapping {
  return {
    start, size, frame: -1, present: false, entry: entry >>> 0, level,
    // The other bits of a not-present entry belong to the kernel (swap slot, markers): only `entry` tells.
    flags: { P: false, RW: false, US: false, A: false, D: false, G: false, PS: false },
  };
}

function sameFlags(a: PageFlags, b: PageFlags): boolean {
  return a.P === b.P && a.RW === b.RW && a.US === b.US && a.A === b.A && a.D === b.D && a.G === b.G && a.PS === b.PS;
}

export interface DisassembledLine {
  address: number;
  bytes: number[];
  text: string;
  /** `symbol+off` of the address, when known. */
  symbol?: string;
  /** True when the address is not mapped (the bytes are not real). */
  unmapped?: boolean;
}

export interface DisassembleOptions {
  /** Walk this page directory instead of the CPU's current one. */
  cr3?: number;
  /** Treat the address as physical. */
  physical?: boolean;
}

/** Disassemble `count` instructions from `address` (linear, through the current or given CR3). */
export function disassemble(m: Machine, address: number, count: number, options: DisassembleOptions = {}): DisassembledLine[] {
  const mem = m.memory;
  const physicalOf = (linear: number): number => {
    if (options.physical) return linear >>> 0;
    return translate(m, linear, options.cr3).physical;
  };
  let unmapped = false;
  const byteAt = (linear: number): number => {
    const p = physicalOf(linear >>> 0);
    if (p < 0) { unmapped = true; return 0; }
    return mem.read8(p);
  };
  const symbolize = (a: number) => m.symbolize(a);
  const lines: DisassembledLine[] = [];
  let at = address >>> 0;
  for (let i = 0; i < count; i++) {
    unmapped = false;
    const { text, length } = disassembleOne(byteAt, at, symbolize);
    const bytes: number[] = [];
    for (let k = 0; k < length; k++) bytes.push(byteAt((at + k) >>> 0));
    const line: DisassembledLine = { address: at, bytes, text };
    const sym = m.symbolize(at);
    if (sym) line.symbol = sym;
    if (unmapped) line.unmapped = true;
    lines.push(line);
    at = (at + length) >>> 0;
  }
  return lines;
}

export interface Counters {
  instructions: number;
  /** Emulated time in ticks (10 ns) and the part of it spent halted. */
  ticks: number;
  idleTicks: number;
  tlbHits: number;
  tlbMisses: number;
  /** TLB flushes: by CR3 writes (global entries kept), by invlpg (one page), whole (CR0 writes). */
  tlbCr3Flushes: number;
  tlbInvlpgs: number;
  tlbFullFlushes: number;
  /** Counts by vector, only nonzero ones. */
  exceptions: Record<number, number>;
  irqs: Record<number, number>;
}

export function counters(m: Machine): Counters {
  const c = m.cpu.counters;
  return {
    instructions: m.cpu.instret, ticks: m.now(), idleTicks: m.idleTicks(),
    tlbHits: c.tlbHits, tlbMisses: c.tlbMisses,
    tlbCr3Flushes: m.cpu.mmu.cr3Flushes, tlbInvlpgs: m.cpu.mmu.invlpgs, tlbFullFlushes: m.cpu.mmu.fullFlushes,
    exceptions: nonzero(c.exceptions), irqs: nonzero(c.irqs),
  };
}

/** Bytes at a virtual address through the current page tables (identity with paging off); null for each unmapped byte. */
export function readVirtual(m: Machine, address: number, length: number): (number | null)[] {
  const out: (number | null)[] = [];
  let page = -1, base = -1;
  for (let i = 0; i < length; i++) {
    const a = (address + i) >>> 0;
    if (a >>> 12 !== page) { page = a >>> 12; const p = m.cpu.translate((page << 12) >>> 0); base = p >= 0 && p + 4096 <= m.memory.size ? p : -1; }
    out.push(base < 0 ? null : m.memory.read8(base + (a & 0xfff)));
  }
  return out;
}

export interface StackFrame { eip: number; ebp: number; symbol?: string }

/**
 * The call stack by frame pointers: eip now, then each saved return address
 * ([ebp+4]) up the ebp chain, while ebp grows, stays mapped and is not 0;
 * at most `max` frames. At a function's first instruction or at a `ret`
 * (ebp is the caller's there) the return address is taken from [esp].
 */
export function backtrace(m: Machine, max = 32): StackFrame[] {
  const word = (a: number) => {
    const b = readVirtual(m, a, 4);
    return b.some((x) => x === null) ? null : ((b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) >>> 0);
  };
  const frames: StackFrame[] = [];
  const push = (eip: number, ebp: number) => { const symbol = m.symbolize(eip); frames.push(symbol ? { eip, ebp, symbol } : { eip, ebp }); };
  let ebp = m.cpu.reg[5] >>> 0;
  const eip = m.cpu.eip >>> 0;
  push(eip, ebp);
  // At a function's first instruction or at its `ret`, ebp is still (or again) the caller's: the return address is at [esp].
  const atEntry = m.lookupSymbol(eip)?.offset === 0;
  if (atEntry || /^ret\b/.test(disassemble(m, eip, 1)[0]?.text ?? '')) {
    const ret = word(m.cpu.reg[4] >>> 0);
    if (ret !== null && ret !== 0) push(ret, ebp);
  }
  while (frames.length < max && ebp !== 0) {
    const ret = word(ebp + 4), next = word(ebp);
    if (ret === null || next === null || ret === 0) break;
    push(ret, next);
    if (next <= ebp) break;
    ebp = next;
  }
  return frames;
}

/** One cached translation of the soft TLB (emulator/mmu.ts): what a ring-0/ring-3 read or write may use it for. */
export interface TlbEntry {
  linear: number;
  frame: number;
  kernelRead: boolean; userRead: boolean; kernelWrite: boolean; userWrite: boolean; global: boolean;
}

/** The soft TLB's entries now (they belong to the current CR3, plus global ones), in address order. */
export function tlbEntries(m: Machine, max = 4096): { entries: TlbEntry[]; total: number } {
  const all = m.cpu.mmu.entries();
  return {
    total: all.length,
    entries: all.slice(0, max).map((e) => ({
      linear: (e.page << 12) >>> 0, frame: e.frame,
      kernelRead: (e.bits & TLB_KR) !== 0, userRead: (e.bits & TLB_UR) !== 0,
      kernelWrite: (e.bits & TLB_KW) !== 0, userWrite: (e.bits & TLB_UW) !== 0, global: (e.bits & TLB_G) !== 0,
    })),
  };
}

function nonzero(a: Float64Array): Record<number, number> {
  const out: Record<number, number> = {};
  for (let i = 0; i < a.length; i++) if (a[i] !== 0) out[i] = a[i];
  return out;
}

export interface MachineSnapshot {
  state: MachineState;
  exitCode: number | null;
  deadReason: string;
  ticks: number;
  seconds: number;
  halted: boolean;
  breakpoints: number[];
  devices: {
    pic: PicSnapshot; timer: TimerSnapshot; uart: UartSnapshot; disks: BlockDeviceSnapshot[];
    consoleSize: ConsoleSizeSnapshot; doorbell: DoorbellSnapshot;
  };
}

export function machineSnapshot(m: Machine): MachineSnapshot {
  return {
    state: m.state, exitCode: m.exitCode, deadReason: m.deadReason, ticks: m.now(), seconds: m.seconds(),
    halted: m.isHalted(), breakpoints: m.listBreakpoints(),
    devices: { pic: m.pic.snapshot(), timer: m.timer.snapshot(), uart: m.uart.snapshot(), disks: m.disks.map((d) => d.snapshot()),
      consoleSize: m.consoleSize.snapshot(), doorbell: m.doorbell.snapshot(),
    },
  };
}
